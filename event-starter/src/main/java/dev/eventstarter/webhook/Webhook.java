package dev.eventstarter.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * One configured webhook, checked: where events of which types go, and how they are
 * signed.
 *
 * @param name its name, part of the subscriber id {@code webhook:<name>}
 * @param url the absolute http or https URL events are posted to
 * @param events the type patterns it wants
 * @param key the signing key, or {@code null} to send unsigned requests
 * @param headers further request headers
 * @param timeout how long a request may take, connection included
 * @param maxAttempts its attempts, or {@code null} for
 * {@code events.delivery.max-attempts}
 */
record Webhook(String name, URI url, List<String> events, byte @Nullable [] key, Map<String, String> headers,
		Duration timeout, @Nullable Integer maxAttempts) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final String SECRET_PREFIX = "whsec_";

	/**
	 * The subscriber id of its deliveries.
	 * @return {@code webhook:<name>}
	 */
	String subscriberId() {
		return "webhook:" + this.name;
	}

	@Override
	public String toString() {
		// never the key, nor headers that may carry credentials
		return "Webhook[" + this.name + " " + this.events + "]";
	}

	/**
	 * Check configured values and build a webhook.
	 * @param property the property prefix the values came from, such as
	 * {@code events.webhooks[0]}, to name in messages
	 * @param name the name
	 * @param url the URL
	 * @param events the type patterns
	 * @param secret the secret, {@code whsec_<base64>} or plain text, or {@code null}
	 * @param headers further headers
	 * @param timeout the timeout
	 * @param maxAttempts the attempts, or {@code null}
	 * @return the webhook
	 * @throws IllegalStateException naming the property, never showing the secret, when a
	 * value is wrong
	 */
	static Webhook of(String property, @Nullable String name, @Nullable String url, List<String> events,
			@Nullable String secret, Map<String, String> headers, Duration timeout, @Nullable Integer maxAttempts) {
		check(name != null && NAME.matcher(name).matches(), property + ".name must be 1 to 64 letters, digits, '_', "
				+ "'.' or '-', but was " + ((name != null) ? "'" + name + "'" : "missing"));
		check(!events.isEmpty(), property + ".events must name at least one type pattern, such as 'orders.*'");
		for (String pattern : events) {
			check(EventTypes.isValidPattern(pattern),
					property + ".events: '" + pattern + "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
		}
		check(!timeout.isNegative() && !timeout.isZero(), property + ".timeout must be positive, but was " + timeout);
		check(maxAttempts == null || (maxAttempts >= 1 && maxAttempts <= EmitOptions.MAX_ATTEMPTS),
				property + ".max-attempts must be from 1 to " + EmitOptions.MAX_ATTEMPTS + ", but was " + maxAttempts);
		headers.forEach((header, value) -> check(
				header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") && !header.toLowerCase(Locale.ROOT).startsWith("webhook-")
						&& !header.equalsIgnoreCase("content-type") && !header.equalsIgnoreCase("traceparent"),
				property + ".headers: '" + header + "' is not a header name the webhook may set"));
		return new Webhook(name, url(property, url), List.copyOf(events), key(property, secret), Map.copyOf(headers),
				timeout, maxAttempts);
	}

	private static URI url(String property, @Nullable String url) {
		check(url != null && !url.isBlank(), property + ".url is missing");
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(property + ".url is not a valid URL: " + ex.getMessage());
		}
		check(uri.isAbsolute()
				&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
				&& uri.getHost() != null,
				property + ".url must be an absolute http or https URL, but was '" + url + "'");
		return uri;
	}

	private static byte @Nullable [] key(String property, @Nullable String secret) {
		if (secret == null || secret.isEmpty()) {
			return null;
		}
		if (!secret.startsWith(SECRET_PREFIX)) {
			return secret.getBytes(StandardCharsets.UTF_8);
		}
		try {
			byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
			check(key.length > 0, property + ".secret has the whsec_ prefix but no key after it");
			return key;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property
					+ ".secret has the whsec_ prefix but what follows is not base64; give whsec_<base64 key> or a "
					+ "plain-text secret without the prefix");
		}
	}

	@Contract("false, _ -> fail")
	private static void check(boolean valid, String message) {
		if (!valid) {
			throw new IllegalStateException(message);
		}
	}

}
