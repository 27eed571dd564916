package dev.eventstarter.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.test.IntegrationTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks over real HTTP to a JDK {@link HttpServer} that answers from a script and
 * checks each signature with its own HMAC computation, on each database that several
 * instances share, with the dispatcher running.
 */
@TestPropertySource(properties = { "events.jdbc.initialize-schema=always", "events.dispatch.enabled=true",
		"events.dispatch.poll-interval=50ms", "events.delivery.initial-delay=500ms", "events.delivery.max-delay=5s" })
abstract class WebhookDeliveryContractTests extends IntegrationTests {

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	/**
	 * All webhook properties come from here: Spring Boot binds a list from one property
	 * source only. Each test class's application gets a receiver of its own, started when
	 * the application is.
	 */
	@DynamicPropertySource
	static void webhooks(DynamicPropertyRegistry registry) {
		String base = "http://localhost:" + Receiver.start().getAddress().getPort();
		List<String> names = List.of("orders", "flaky", "gone", "busy", "slow");
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			String prefix = "events.webhooks[" + i + "].";
			registry.add(prefix + "name", () -> name);
			registry.add(prefix + "url", () -> base + "/" + (name.equals("orders") ? "ok" : name));
			registry.add(prefix + "events", () -> "hooks." + (name.equals("orders") ? "ok" : name));
		}
		registry.add("events.webhooks[0].secret", () -> SECRET);
		registry.add("events.webhooks[0].headers.Authorization", () -> "Bearer token-1");
		registry.add("events.webhooks[1].secret", () -> "plain-secret");
		registry.add("events.webhooks[4].timeout", () -> "500ms");
	}

	@AfterAll
	static void stopReceiver() {
		Receiver.stop();
	}

	@BeforeEach
	void resetReceiver() {
		Receiver.requests.clear();
		Receiver.script.clear();
		this.jdbc.sql("delete from _event_deliveries").update();
	}

	@Test
	void postsTheEventSignedWithStandardWebhooksHeaders() throws Exception {
		UUID eventId = this.bus.emit("hooks.ok", Map.of("orderNo", "A-1"),
				EmitOptions.builder().traceId("4bf92f3577b34da6a3ce929d0e0e4736").build());
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		Request request = Receiver.requests("/ok").get(0);
		JsonNode body = JsonMapper.shared().readTree(request.body());
		assertThat(body.get("eventId").asString()).isEqualTo(eventId.toString());
		assertThat(body.get("eventType").asString()).isEqualTo("hooks.ok");
		assertThat(body.get("data").get("orderNo").asString()).isEqualTo("A-1");
		assertThat(body.propertyNames()).containsExactly("id", "eventId", "eventType", "resourceName", "resourceId",
				"createdAt", "dispatchedAt", "data", "sessionVariables", "traceContext", "tenant", "source", "priority",
				"transactionId");
		assertThat(request.header("webhook-id")).isEqualTo(eventId.toString());
		long timestamp = Long.parseLong(request.header("webhook-timestamp"));
		assertThat(Instant.ofEpochSecond(timestamp)).isBetween(Instant.now().minusSeconds(30), Instant.now());
		byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
		assertThat(request.header("webhook-signature"))
			.isEqualTo("v1," + hmac(key, eventId + "." + timestamp + "." + request.body()));
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(request.header("authorization")).isEqualTo("Bearer token-1");
		// an explicit trace id without a span: nothing to continue
		assertThat(request.header("traceparent")).isNull();
	}

	@Test
	void failuresAreRetriedWithTheSameWebhookIdUntilDelivered() throws Exception {
		Receiver.answer("/flaky", 500, 500, 200);
		UUID eventId = this.bus.emit("hooks.flaky", 1);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(15))).isTrue();
		List<Request> attempts = Receiver.requests("/flaky");
		assertThat(attempts).hasSize(3);
		assertThat(attempts).extracting((request) -> request.header("webhook-id")).containsOnly(eventId.toString());
		for (Request attempt : attempts) {
			assertThat(attempt.header("webhook-signature"))
				.isEqualTo("v1," + hmac("plain-secret".getBytes(StandardCharsets.UTF_8),
						eventId + "." + attempt.header("webhook-timestamp") + "." + attempt.body()));
		}
		assertThat(this.jdbc.sql("select attempts from _event_deliveries").query(Integer.class).single()).isEqualTo(3);
	}

	@Test
	void goneIsDeadAtOnceWithTheResponseAsItsError() {
		Receiver.answer("/gone", 410);
		UUID eventId = this.bus.emit("hooks.gone", 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> status("webhook:gone") != null);
		assertThat(status("webhook:gone")).isEqualTo("DEAD");
		assertThat(lastError("webhook:gone"))
			.isEqualTo("Webhook 'gone' answered HTTP 410: unsubscribed (410 Gone: not retried)");
		assertThat(Receiver.requests("/gone")).hasSize(1);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofMillis(100))).isFalse();
	}

	@Test
	void retryAfterIsRespected() {
		Receiver.answer("/busy", 503, 200);
		UUID eventId = this.bus.emit("hooks.busy", 1);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(15))).isTrue();
		List<Request> attempts = Receiver.requests("/busy");
		assertThat(attempts).hasSize(2);
		// the backoff would have retried after about 500 ms
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThan(Duration.ofMillis(1900));
	}

	@Test
	void aTimeoutIsRetried() {
		Receiver.answer("/slow", -1, 200);
		UUID eventId = this.bus.emit("hooks.slow", 1);
		assertThat(failedWith("webhook:slow")).isEqualTo("Webhook 'slow' did not answer within PT0.5S");
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(15))).isTrue();
		assertThat(Receiver.requests("/slow")).hasSize(2);
	}

	@Test
	void secretsAndHeadersNeverAppearInErrors() {
		Receiver.answer("/ok", 500, 200);
		UUID eventId = this.bus.emit("hooks.ok", 1);
		String error = failedWith("webhook:orders");
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(15))).isTrue();
		assertThat(error).isEqualTo("Webhook 'orders' answered HTTP 500: {\"error\": \"down\"}")
			.doesNotContain(SECRET)
			.doesNotContain("token-1")
			.doesNotContain("localhost");
	}

	/**
	 * The error of a delivery's failed attempt, caught before its retry clears it.
	 */
	private String failedWith(String subscriber) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> "FAILED".equals(status(subscriber)));
		return lastError(subscriber);
	}

	private String status(String subscriber) {
		return this.jdbc.sql("select status from _event_deliveries where subscriber = ?")
			.param(subscriber)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private String lastError(String subscriber) {
		return this.jdbc.sql("select last_error from _event_deliveries where subscriber = ?")
			.param(subscriber)
			.query(String.class)
			.single();
	}

	private static String hmac(byte[] key, String content) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
	}

	record Request(String path, Map<String, List<String>> headers, String body, Instant at) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * A webhook receiver answering each path from a script of statuses (200 once the
	 * script runs out; -1 sleeps past the client's timeout).
	 */
	static final class Receiver {

		static final List<Request> requests = new CopyOnWriteArrayList<>();

		static final Map<String, Deque<Integer>> script = new ConcurrentHashMap<>();

		private static HttpServer server;

		/**
		 * The running receiver, started if none runs.
		 */
		static synchronized HttpServer start() {
			if (server == null) {
				try {
					server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				server.createContext("/", Receiver::handle);
				server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
				server.start();
			}
			return server;
		}

		static synchronized void stop() {
			if (server != null) {
				server.stop(0);
				server = null;
			}
		}

		static void answer(String path, int... statuses) {
			Deque<Integer> answers = new ConcurrentLinkedDeque<>();
			for (int status : statuses) {
				answers.add(status);
			}
			script.put(path, answers);
		}

		static List<Request> requests(String path) {
			List<Request> matching = new ArrayList<>();
			for (Request request : requests) {
				if (request.path().equals(path)) {
					matching.add(request);
				}
			}
			return matching;
		}

		private static void handle(HttpExchange exchange) throws IOException {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			String path = exchange.getRequestURI().getPath();
			requests.add(new Request(path, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
			Deque<Integer> answers = script.get(path);
			Integer status = (answers != null) ? answers.poll() : null;
			int code = (status != null) ? status : 200;
			if (code == -1) {
				sleep(1500);
				code = 200;
			}
			if (code == 503) {
				exchange.getResponseHeaders().add("Retry-After", "2");
			}
			byte[] response = ((code == 410) ? "unsubscribed" : (code >= 400) ? "{\"error\": \"down\"}" : "ok")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(code, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
