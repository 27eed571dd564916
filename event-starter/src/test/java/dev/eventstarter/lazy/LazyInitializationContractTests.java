package dev.eventstarter.lazy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventstarter.EventBus;
import dev.eventstarter.web.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.main.lazy-initialization=true}, everything that works by being there
 * rather than by being injected still works (issue 15): {@code @OnEvent} methods of a
 * bean nobody injects, the audit log, webhooks, the SSE stream and the emitted-events
 * counter.
 */
@SpringBootTest(classes = LazyApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.lazy-initialization=true", "events.dispatch.enabled=true",
				"events.audit.enabled=true", "events.sse.enabled=true" })
abstract class LazyInitializationContractTests {

	static final List<String> webhookIds = new CopyOnWriteArrayList<>();

	// shared by every subclass, whose contexts stay cached: never stopped
	private static final HttpServer receiver = startReceiver();

	@LocalServerPort
	int port;

	@Autowired
	EventBus bus;

	@Autowired
	LazyDeliveries deliveries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EntityManager entityManager;

	@Autowired
	MeterRegistry meters;

	/**
	 * Spring Boot binds a list from one property source only.
	 */
	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("events.webhooks[0].name", () -> "receiver");
		registry.add("events.webhooks[0].events", () -> "lazy.*");
		registry.add("events.webhooks[0].url", () -> "http://localhost:" + receiver.getAddress().getPort() + "/hook");
	}

	@BeforeEach
	void clearReceiver() {
		webhookIds.clear();
	}

	@Test
	void beansNobodyInjectsGetTheirEventsAndTheBuiltInSubscribersRun() throws Exception {
		try (SseClient stream = SseClient.connect(HttpClient.newHttpClient(),
				"http://localhost:" + this.port + "/events/stream?types=lazy.*")) {
			UUID eventId = this.bus.emit("lazy.started", Map.of("at", "start"));
			assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
			assertThat(this.deliveries.types("durable")).containsExactly("lazy.started");
			assertThat(this.deliveries.types("afterCommit")).containsExactly("lazy.started");
			assertThat(this.deliveries.types("inTransaction")).containsExactly("lazy.started");
			assertThat(this.jdbc.sql("select count(*) from _audit_log where event_id = ?")
				.param(eventId)
				.query(Integer.class)
				.single()).isOne();
			assertThat(webhookIds).containsExactly(eventId.toString());
			assertThat(
					JsonMapper.shared().readTree(stream.next(Duration.ofSeconds(10)).data()).get("eventId").asString())
				.isEqualTo(eventId.toString());
			assertThat(this.meters.get("events.emitted").tag("type", "lazy.started").counter().count()).isOne();
		}
	}

	@Test
	void retentionTasksNobodyInjectsRun() {
		await().atMost(Duration.ofSeconds(10)).until(() -> LazyRetention.runs.get() > 0);
	}

	@Test
	void aCapturedChangeReachesLazySubscribersToo() {
		long id = System.nanoTime();
		this.tx.executeWithoutResult((status) -> this.entityManager.persist(new LazyNote(id, "hello")));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.deliveries.types("durable").contains("lazy_notes.created"));
		assertThat(this.deliveries.types("afterCommit")).contains("lazy_notes.created");
		assertThat(this.deliveries.types("inTransaction")).contains("lazy_notes.created");
	}

	private static HttpServer startReceiver() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", LazyInitializationContractTests::receive);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void receive(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

}
