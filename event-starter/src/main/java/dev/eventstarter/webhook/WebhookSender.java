package dev.eventstarter.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.eventstarter.Event;
import dev.eventstarter.TraceContext;
import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.dispatch.EventHandler;
import dev.eventstarter.store.EventJson;
import org.jspecify.annotations.Nullable;

/**
 * Posts events to one webhook, signed per Standard Webhooks, and turns its answer into
 * the delivery's outcome: 2xx delivered; 410 dead at once; 429 and 503 retried after
 * their {@code Retry-After}; anything else, a timeout or a connection failure retried
 * with backoff. The error kept for a failure names the webhook, the status and the start
 * of the response body, never the URL, the secret or the configured headers.
 */
final class WebhookSender implements EventHandler {

	/**
	 * Most characters of a response body kept in the delivery's error.
	 */
	static final int BODY_EXCERPT = 300;

	private final Webhook webhook;

	private final EventJson json;

	private final HttpClient client;

	private final Clock clock;

	/**
	 * Create a sender.
	 * @param webhook the webhook
	 * @param json writes the event document
	 * @param clock the clock of {@code webhook-timestamp} and {@code Retry-After} dates
	 */
	WebhookSender(Webhook webhook, EventJson json, Clock clock) {
		this.webhook = webhook;
		this.json = json;
		this.clock = clock;
		// redirects are not followed: a 3xx is an answer to retry, and following it could
		// send the signed body somewhere else
		this.client = HttpClient.newBuilder()
			.connectTimeout(webhook.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public void handle(Event event) throws DeliveryFailure, InterruptedException {
		String body = this.json.document(event);
		String id = event.eventId().toString();
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.webhook.url())
			.timeout(this.webhook.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "event-starter")
			.header("webhook-id", id)
			.header("webhook-timestamp", Long.toString(timestamp))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (this.webhook.key() != null) {
			request.header("webhook-signature", WebhookSignature.sign(this.webhook.key(), id, timestamp, body));
		}
		TraceContext trace = event.traceContext();
		String traceparent = (trace != null) ? trace.traceparent() : null;
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		this.webhook.headers().forEach(request::header);
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw DeliveryFailure.retry(describe() + " did not answer within " + this.webhook.timeout());
		}
		catch (IOException ex) {
			throw DeliveryFailure.retry(describe() + " could not be reached: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
		judge(response);
	}

	private void judge(HttpResponse<String> response) throws DeliveryFailure {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return;
		}
		String error = describe() + " answered HTTP " + status + excerpt(response.body());
		if (status == 410) {
			throw DeliveryFailure.permanent(error + " (410 Gone: not retried)");
		}
		if (status == 429 || status == 503) {
			Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
			if (retryAfter != null) {
				throw DeliveryFailure.retryAfter(error + " (Retry-After " + retryAfter.toSeconds() + "s)", retryAfter);
			}
		}
		throw DeliveryFailure.retry(error);
	}

	/**
	 * The delay a {@code Retry-After} header asks for: seconds, or an HTTP date.
	 * @param value the header value
	 * @return the delay, or {@code null} when there is none or it cannot be read
	 */
	@Nullable Duration retryAfter(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// not seconds: an HTTP date
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(this.clock.instant(), at);
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private String describe() {
		return "Webhook '" + this.webhook.name() + "'";
	}

	private static String excerpt(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String flat = body.strip().replaceAll("\\s+", " ");
		return ": " + ((flat.length() > BODY_EXCERPT) ? flat.substring(0, BODY_EXCERPT) + "…" : flat);
	}

}
