package dev.eventstarter.testapp;

/**
 * A value Jackson cannot write: no properties, no serializer.
 */
public final class Opaque {

	private final String secret;

	public Opaque(String secret) {
		this.secret = secret;
	}

	String secret() {
		return this.secret;
	}

}
