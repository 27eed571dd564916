package dev.eventstarter;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Checks shared by the builders of the public API.
 */
final class Arguments {

	/**
	 * Longest text the varchar columns and JSON values of an event take.
	 */
	static final int MAX_TEXT_LENGTH = 255;

	private Arguments() {
	}

	/**
	 * Check a text argument.
	 * @param name how to name the argument in the message
	 * @param value the argument
	 * @return the argument
	 * @throws IllegalArgumentException if it is null, blank or longer than 255 characters
	 */
	static String text(String name, String value) {
		Assert.isTrue(StringUtils.hasText(value), () -> name + " must not be blank");
		Assert.isTrue(value.length() <= MAX_TEXT_LENGTH,
				() -> name + " must be at most " + MAX_TEXT_LENGTH + " characters, but has " + value.length());
		return value;
	}

}
