package dev.eventstarter.sample.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Standard Webhooks signatures, as any receiver of the starter's webhooks would:
 * {@code webhook-signature} holds one or more {@code v1,<base64>} values, each an
 * HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>}; the timestamp must be
 * within five minutes of now, so a captured request cannot be replayed later.
 */
class WebhookVerifier {

	static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final String SECRET_PREFIX = "whsec_";

	private final byte[] key;

	private final Clock clock;

	WebhookVerifier(String secret, Clock clock) {
		if (secret == null || secret.isEmpty()) {
			throw new IllegalStateException("sample.webhook-receiver.secret is missing");
		}
		this.key = secret.startsWith(SECRET_PREFIX)
				? Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()))
				: secret.getBytes(StandardCharsets.UTF_8);
		this.clock = clock;
	}

	/**
	 * Check a delivery.
	 * @param id the {@code webhook-id} header
	 * @param timestamp the {@code webhook-timestamp} header
	 * @param signatures the {@code webhook-signature} header
	 * @param body the request body, as received
	 * @throws InvalidSignatureException saying what is wrong
	 */
	void verify(String id, String timestamp, String signatures, byte[] body) {
		if (id == null || timestamp == null || signatures == null) {
			throw new InvalidSignatureException(
					"The webhook-id, webhook-timestamp and webhook-signature headers are required");
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			throw new InvalidSignatureException("webhook-timestamp must be seconds since the epoch");
		}
		Duration age = Duration.between(Instant.ofEpochSecond(seconds), this.clock.instant()).abs();
		if (age.compareTo(TOLERANCE) > 0) {
			throw new InvalidSignatureException("webhook-timestamp is more than 5 minutes away from now");
		}
		byte[] expected = sign(id, timestamp, body);
		for (String signature : signatures.split(" ")) {
			if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, decode(signature.substring(3)))) {
				return;
			}
		}
		throw new InvalidSignatureException("No webhook-signature matches the body");
	}

	private byte[] sign(String id, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return new byte[0];
		}
	}

	/**
	 * A delivery whose signature does not hold.
	 */
	static class InvalidSignatureException extends RuntimeException {

		InvalidSignatureException(String message) {
			super(message);
		}

	}

}
