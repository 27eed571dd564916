package dev.eventstarter.sample.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.eventstarter.sample.SampleTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo receiver checks Standard Webhooks signatures with the shared secret, and the
 * starter's webhook delivers the blog's events to it, signed.
 */
class WebhookReceiverTests extends SampleTestSupport {

	// sample.webhook-receiver.secret is whsec_ and the base64 of this key
	private static final byte[] KEY = "sample-webhook-secret-for-the-blog".getBytes(StandardCharsets.UTF_8);

	@Test
	void acceptsADeliverySignedWithTheSharedSecret() throws Exception {
		String id = UUID.randomUUID().toString();
		String body = "{\"eventType\": \"tests.signed\", \"resourceId\": \"7\"}";
		String timestamp = String.valueOf(Instant.now().getEpochSecond());

		assertThat(deliver(id, timestamp, sign(id, timestamp, body), body)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo(
					"{\"webhookId\": \"" + id + "\", \"eventType\": \"tests.signed\", \"resourceId\": \"7\"}");
		assertThat(this.mvc.get().uri("/demo/webhook-receiver").with(editor())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].webhookId")
			.asArray()
			.contains(id);
	}

	@Test
	void acceptsAnyOfSeveralSignatures() throws Exception {
		String id = UUID.randomUUID().toString();
		String body = "{\"eventType\": \"tests.rotated\"}";
		String timestamp = String.valueOf(Instant.now().getEpochSecond());

		assertThat(deliver(id, timestamp, "v1,b2xkLXNlY3JldA== " + sign(id, timestamp, body), body)).hasStatusOk();
	}

	@Test
	void rejectsABadSignature() throws Exception {
		String id = UUID.randomUUID().toString();
		String timestamp = String.valueOf(Instant.now().getEpochSecond());
		String signature = sign(id, timestamp, "{\"eventType\": \"tests.original\"}");

		assertThat(deliver(id, timestamp, signature, "{\"eventType\": \"tests.tampered\"}")).hasStatus(401)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No webhook-signature matches the body");
		assertThat(this.mvc.get().uri("/demo/webhook-receiver").with(editor())).bodyJson()
			.extractingPath("$[*].webhookId")
			.asArray()
			.doesNotContain(id);
	}

	@Test
	void rejectsAStaleTimestamp() throws Exception {
		String id = UUID.randomUUID().toString();
		String body = "{\"eventType\": \"tests.replayed\"}";
		String timestamp = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());

		assertThat(deliver(id, timestamp, sign(id, timestamp, body), body)).hasStatus(401)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("webhook-timestamp is more than 5 minutes away from now");
	}

	@Test
	void rejectsAnUnsignedDelivery() {
		assertThat(this.mvc.post()
			.uri("/demo/webhook-receiver")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"eventType\": \"tests.unsigned\"}")).hasStatus(401)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The webhook-id, webhook-timestamp and webhook-signature headers are required");
	}

	@Test
	void theStarterDeliversPostEventsToTheReceiverSigned() {
		long id = createPost("Webhook");
		UUID created = eventOf("posts.created", id);

		deliver(created);

		assertThat(this.mvc.get().uri("/demo/webhook-receiver").with(editor())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[?(@.webhookId == '" + created + "')]")
			.asArray()
			.singleElement()
			.asString()
			.contains("eventType=posts.created", "resourceId=" + id);
	}

	private MockMvcRequestBuilder deliver(String id, String timestamp, String signature, String body) {
		return this.mvc.post()
			.uri("/demo/webhook-receiver")
			.header("webhook-id", id)
			.header("webhook-timestamp", timestamp)
			.header("webhook-signature", signature)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static String sign(String id, String timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
		byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		return "v1," + Base64.getEncoder().encodeToString(signature);
	}

}
