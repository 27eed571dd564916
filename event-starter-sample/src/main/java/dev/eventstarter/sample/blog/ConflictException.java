package dev.eventstarter.sample.blog;

/**
 * Thrown for a request that contradicts the current state; the API answers 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
