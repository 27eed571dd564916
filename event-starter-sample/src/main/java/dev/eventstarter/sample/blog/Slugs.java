package dev.eventstarter.sample.blog;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns titles into URL names: {@code "Hello, World!"} becomes {@code hello-world}.
 */
final class Slugs {

	static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

	static final int MAX_LENGTH = 80;

	private Slugs() {
	}

	static String of(String title) {
		String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		if (slug.length() > MAX_LENGTH) {
			slug = slug.substring(0, MAX_LENGTH).replaceAll("-$", "");
		}
		return slug.isEmpty() ? "post" : slug;
	}

}
