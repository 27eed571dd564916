package dev.eventstarter.sample.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.eventstarter.sample.SampleProperties;
import dev.eventstarter.sample.webhook.WebhookVerifier.InvalidSignatureException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the outside service a webhook would call: {@code events.webhooks[0]}
 * posts the blog's events here, signed with {@code sample.webhook-receiver.secret}.
 * Deliveries with a valid signature are kept (the latest 50, each event once: a
 * redelivery carries the same {@code webhook-id}); others get a 401. The signature is the
 * only credential, so the path needs no login.
 */
@RestController
@RequestMapping("/demo/webhook-receiver")
class WebhookReceiver {

	private static final int KEPT = 50;

	private final WebhookVerifier verifier;

	private final JsonMapper json;

	private final Clock clock = Clock.systemUTC();

	private final Deque<Delivery> deliveries = new ArrayDeque<>();

	WebhookReceiver(SampleProperties properties, JsonMapper json) {
		this.verifier = new WebhookVerifier(properties.webhookReceiver().secret(), this.clock);
		this.json = json;
	}

	@PostMapping
	Delivery receive(@RequestHeader(name = "webhook-id", required = false) String id,
			@RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
			@RequestHeader(name = "webhook-signature", required = false) String signature, @RequestBody byte[] body) {
		this.verifier.verify(id, timestamp, signature, body);
		JsonNode event = this.json.readTree(body);
		Delivery delivery = new Delivery(id, event.path("eventType").asString(null),
				event.path("resourceId").asString(null), this.clock.instant());
		synchronized (this.deliveries) {
			if (this.deliveries.stream().noneMatch((kept) -> kept.webhookId().equals(id))) {
				this.deliveries.addFirst(delivery);
				while (this.deliveries.size() > KEPT) {
					this.deliveries.removeLast();
				}
			}
		}
		return delivery;
	}

	/**
	 * The deliveries received, newest first.
	 * @return the deliveries
	 */
	@GetMapping
	List<Delivery> received() {
		synchronized (this.deliveries) {
			return List.copyOf(this.deliveries);
		}
	}

	@ExceptionHandler
	ProblemDetail invalidSignature(InvalidSignatureException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, ex.getMessage());
	}

	/**
	 * A delivery that passed the signature check.
	 *
	 * @param webhookId the {@code webhook-id}: the event id
	 * @param eventType the event's type
	 * @param resourceId the event's resource id
	 * @param receivedAt when it arrived
	 */
	record Delivery(String webhookId, String eventType, String resourceId, Instant receivedAt) {

	}

}
