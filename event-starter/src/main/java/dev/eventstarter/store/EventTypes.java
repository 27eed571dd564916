package dev.eventstarter.store;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;
import org.springframework.util.PatternMatchUtils;

/**
 * Rules for event types, resource names and type patterns.
 */
public final class EventTypes {

	/**
	 * The rule for event types, worded for error messages.
	 */
	public static final String TYPE_RULE = "1 to 255 letters, digits, '.', '_', '-' or ':'";

	/**
	 * The rule for type patterns, worded for error messages.
	 */
	public static final String PATTERN_RULE = "1 to 255 letters, digits, '.', '_', '-', ':' or '*' (any run of characters)";

	private static final int MAX_LENGTH = 255;

	private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9._:-]+");

	private static final Pattern TYPE_PATTERN = Pattern.compile("[A-Za-z0-9._:*-]+");

	private EventTypes() {
	}

	@Contract("null -> false")
	public static boolean isValidType(@Nullable String type) {
		return type != null && type.length() <= MAX_LENGTH && TYPE.matcher(type).matches();
	}

	public static boolean isValidPattern(@Nullable String pattern) {
		return pattern != null && pattern.length() <= MAX_LENGTH && TYPE_PATTERN.matcher(pattern).matches();
	}

	/**
	 * Whether a type matches a pattern in which {@code *} stands for any run of
	 * characters, dots included.
	 * @param pattern a valid pattern
	 * @param type an event type
	 * @return whether the whole type matches
	 */
	public static boolean matches(String pattern, String type) {
		return PatternMatchUtils.simpleMatch(pattern, type);
	}

	/**
	 * The pattern as an SQL {@code LIKE} expression with {@code !} as escape character,
	 * which every database reads the same way (a backslash is an escape inside MariaDB
	 * strings).
	 * @param pattern a valid pattern
	 * @return the {@code LIKE} expression
	 */
	public static String toLikeExpression(String pattern) {
		return pattern.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace('*', '%');
	}

	/**
	 * Check an event type, explaining the rule when it is broken.
	 * @param type the type to check
	 * @return the type
	 * @throws IllegalArgumentException if the type is invalid
	 */
	public static String requireValidType(@Nullable String type) {
		if (!isValidType(type)) {
			throw new IllegalArgumentException("Event type " + describe(type) + " is invalid: it must be " + TYPE_RULE);
		}
		return type;
	}

	/**
	 * Check a resource name, which is used as the first part of CRUD event types.
	 * @param resourceName the name to check
	 * @return the name
	 * @throws IllegalArgumentException if the name is invalid
	 */
	public static String requireValidResourceName(@Nullable String resourceName) {
		if (resourceName == null || resourceName.length() > MAX_LENGTH - ".created".length()
				|| !TYPE.matcher(resourceName).matches()) {
			throw new IllegalArgumentException("Resource name " + describe(resourceName)
					+ " is invalid: it must be 1 to 247 letters, digits, '.', '_', '-' or ':'");
		}
		return resourceName;
	}

	private static String describe(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		return (value.length() > 80) ? "'" + value.substring(0, 80) + "…' (" + value.length() + " characters)"
				: "'" + value + "'";
	}

}
