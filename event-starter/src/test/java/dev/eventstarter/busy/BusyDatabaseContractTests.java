package dev.eventstarter.busy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventQuery;
import dev.eventstarter.EventStore;
import dev.eventstarter.web.SseClient;
import dev.eventstarter.web.SseClient.Frame;
import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A busy database must not stall delivery (issue 15): a transaction that has nothing to
 * do with the event table holds nothing back, and one that took event ids and stalls at
 * its commit holds back only ordered deliveries and the SSE stream, visibly, and loses
 * nothing.
 */
@SpringBootTest(classes = BusyApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "events.dispatch.enabled=true", "events.sse.enabled=true",
				"events.dispatch.held-back-warning=1s", "management.endpoints.web.exposure.include=events,health",
				"management.endpoint.health.show-details=always" })
@ExtendWith(OutputCaptureExtension.class)
abstract class BusyDatabaseContractTests {

	static final Duration WITHIN = Duration.ofSeconds(2);

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<AutoCloseable> clients = new ArrayList<>();

	/**
	 * A resource of this test run alone, so that rows of earlier runs do not count.
	 */
	final String resource = "busy_" + randomLetters();

	@LocalServerPort
	int port;

	@Autowired
	EventBus bus;

	@Autowired
	EventStore store;

	@Autowired
	Arrivals arrivals;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EntityManager entityManager;

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
	}

	@Test
	void anUnrelatedOpenTransactionHoldsBackNoDeliveryAndNoFrame() throws Exception {
		this.jdbc.sql("create table if not exists busy_unrelated_work (id int)").update();
		SseClient stream = connect();
		List<Long> ordered = new ArrayList<>();
		List<Long> unordered = new ArrayList<>();
		List<Long> streamed = new ArrayList<>();
		try (Connection unrelated = this.dataSource.getConnection()) {
			unrelated.setAutoCommit(false);
			try (Statement statement = unrelated.createStatement()) {
				statement.executeUpdate("insert into busy_unrelated_work (id) values (1)");
			}
			for (int i = 0; i < 200; i++) {
				UUID eventId = this.bus.emitUpdated(this.resource, i % 10, Map.of("n", i), Map.of("n", i + 1));
				long committed = System.nanoTime();
				Frame frame = stream.next(WITHIN);
				assertThat(eventId(frame)).isEqualTo(eventId);
				streamed.add(frame.receivedNanos() - committed);
				ordered.add(arrival(Arrivals.ORDERED, eventId) - committed);
				unordered.add(arrival(Arrivals.UNORDERED, eventId) - committed);
			}
			assertThat(this.jdbc.sql("select count(*) from busy_unrelated_work").query(Integer.class).single())
				.as("the unrelated transaction is still open")
				.isZero();
			unrelated.rollback();
		}
		System.out.println("busy: " + getClass().getSimpleName() + " commit to arrival with an unrelated "
				+ "transaction open, 200 events: ordered " + percentiles(ordered) + ", unordered "
				+ percentiles(unordered) + ", SSE " + percentiles(streamed));
	}

	@Test
	void aWriterStalledAtCommitHoldsBackOnlyOrderedDeliveriesAndTheStream(CapturedOutput output) throws Exception {
		SseClient stream = connect();
		UUID first = this.bus.emitUpdated(this.resource, 1, Map.of("n", 0), Map.of("n", 1));
		assertThat(eventId(stream.next(WITHIN))).isEqualTo(first);
		arrival(Arrivals.ORDERED, first);
		Stall stall = stall(
				() -> this.bus.emitUpdated(this.resource, 1, Map.of("n", 1), Map.of("n", 2, "note", "stall")));
		try {
			List<UUID> later = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				later.add(this.bus.emitUpdated(this.resource, 1 + i % 2, Map.of("n", i), Map.of("n", i + 1)));
			}
			for (UUID eventId : later) {
				arrival(Arrivals.UNORDERED, eventId);
			}
			assertThat(stream.poll(Duration.ofMillis(300))).as("the stream waits for the stalled id").isNull();
			assertThat(this.arrivals.eventIds(Arrivals.ORDERED, this.resource)).containsExactly(first);

			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.toString().contains("Ordered deliveries and the SSE stream have waited"));
			String warning = output.toString()
				.lines()
				.filter((line) -> line.contains("Ordered deliveries and the SSE stream have waited"))
				.findFirst()
				.orElseThrow();
			assertThat(warning).contains("WARN", "a transaction took and did not commit or roll back",
					expectedBlocker(), "Nothing is skipped");
			JsonNode summary = get("/actuator/events");
			assertThat(summary.get("heldBackSince").isNull()).isFalse();
			JsonNode by = summary.get("heldBackBy");
			assertThat(by.get("transactions").asInt()).isOne();
			assertThat(by.get("applicationName").asString()).contains(expectedApplicationName());
			assertThat(by.get("transactionAge").asString()).startsWith("PT");
			long firstLater = this.store.findByEventId(later.get(0)).orElseThrow().id();
			assertThat(by.get("firstWaitingId").asLong()).isLessThan(firstLater);
			JsonNode health = get("/actuator/health/events");
			assertThat(health.get("status").asString()).isEqualTo("UP");
			assertThat(health.get("details").get("heldBackBy").get("firstWaitingId").asLong())
				.isEqualTo(by.get("firstWaitingId").asLong());
			assertThat(this.arrivals.eventIds(Arrivals.ORDERED, this.resource)).containsExactly(first);

			UUID stalled = stall.release();
			List<UUID> expected = new ArrayList<>(List.of(stalled));
			expected.addAll(later);
			List<Frame> frames = stream.next(expected.size(), Duration.ofSeconds(10));
			assertThat(frames).extracting(SseClient.Frame::eventId).isSorted();
			assertThat(frames).extracting(BusyDatabaseContractTests::eventId).containsExactlyElementsOf(expected);
			for (UUID eventId : expected) {
				arrival(Arrivals.ORDERED, eventId);
			}
			for (String resourceId : List.of("1", "2")) {
				List<Long> ids = this.arrivals.of(Arrivals.ORDERED, this.resource)
					.stream()
					.filter((arrival) -> resourceId.equals(arrival.event().resourceId()))
					.map((arrival) -> arrival.event().id())
					.toList();
				assertThat(ids).as("resource " + resourceId + " in id order, once each")
					.isSorted()
					.doesNotHaveDuplicates();
			}
			assertThat(this.arrivals.eventIds(Arrivals.ORDERED, this.resource)).hasSize(expected.size() + 1);
			await().atMost(Duration.ofSeconds(5)).until(() -> get("/actuator/events").get("heldBackSince").isNull());
			assertThat(output).contains("The settled horizon moved on after waiting");
		}
		finally {
			stall.close();
		}
	}

	/**
	 * Start a write whose transaction is held after its events were inserted, until
	 * released; returns once it is held.
	 */
	abstract Stall stall(Runnable write) throws Exception;

	/**
	 * What the WARN line says of the stalled transaction.
	 */
	abstract String expectedBlocker();

	abstract String expectedApplicationName();

	/**
	 * A write held at its commit.
	 */
	interface Stall extends AutoCloseable {

		/**
		 * Let it commit.
		 * @return the id of the event it wrote
		 */
		UUID release() throws Exception;

	}

	/**
	 * Hold a transaction of this application after the starter wrote its events, before
	 * it commits: the database sees an open transaction holding an uncommitted row.
	 */
	Stall stallInTheApplication(Runnable write) {
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<UUID> done = writeInBackground(() -> this.tx.executeWithoutResult((status) -> {
			write.run();
			// runs after the starter's own callback, which wrote the events
			this.entityManager.unwrap(SharedSessionContractImplementor.class)
				.getTransactionCompletionCallbacks()
				.registerCallback((BeforeCompletionCallback) (session) -> {
					written.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
		}));
		await().atMost(Duration.ofSeconds(10)).until(() -> written.getCount() == 0);
		return new Stall() {

			@Override
			public UUID release() throws Exception {
				release.countDown();
				return done.get(10, TimeUnit.SECONDS);
			}

			@Override
			public void close() throws Exception {
				release.countDown();
				done.handle((id, failure) -> id).get(10, TimeUnit.SECONDS);
			}

		};
	}

	/**
	 * Runs a write in a thread and returns the id of the one event it records.
	 */
	CompletableFuture<UUID> writeInBackground(Runnable write) {
		return CompletableFuture.supplyAsync(() -> {
			write.run();
			return this.store
				.query(EventQuery.builder().resourceName(this.resource).eventType(this.resource + ".updated").build())
				.stream()
				.filter((event) -> "stall".equals(event.newState().get("note")))
				.findFirst()
				.orElseThrow()
				.eventId();
		});
	}

	private long arrival(String subscriber, UUID eventId) {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		Long arrived;
		while ((arrived = this.arrivals.arrivedAt(subscriber, eventId)) == null) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(eventId + " did not reach the " + subscriber + " subscriber within " + WITHIN);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		return arrived;
	}

	private SseClient connect() throws Exception {
		SseClient client = SseClient.connect(this.http,
				"http://localhost:" + this.port + "/events/stream?types=" + this.resource + ".*");
		this.clients.add(client);
		return client;
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	static UUID eventId(Frame frame) {
		return UUID.fromString(json.readTree(frame.data()).get("eventId").asString());
	}

	private static String percentiles(List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", millis(sorted, 0.50),
				millis(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
	}

	private static double millis(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1) / 1e6;
	}

	private static String randomLetters() {
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return letters.toString();
	}

}
