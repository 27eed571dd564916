package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.test.PostgresTestConfiguration;
import dev.eventstarter.test.StatementLog;
import dev.eventstarter.test.StatementLog.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events an instance commits reach its own dispatcher in memory on PostgreSQL: no
 * claim reads them back, and their work list rows are held for that instance for one
 * lease, so that no other dispatcher takes them meanwhile. The poll interval is an hour,
 * so that only commits the hand-off did not take are claimed.
 */
@Import({ PostgresTestConfiguration.class, PostgresHandOffTests.HandOffConfiguration.class })
@TestPropertySource(properties = { "events.jdbc.initialize-schema=always", "events.dispatch.enabled=true",
		"events.dispatch.poll-interval=1h", "events.dispatch.lease=45s" })
class PostgresHandOffTests extends IntegrationTests {

	@Autowired
	StatementLog log;

	@Autowired
	HoldRecorder holds;

	@Autowired
	ThreadRecorder threads;

	@BeforeEach
	void startClean() {
		this.log.clear();
		this.holds.seconds.clear();
	}

	@Test
	void eventsCommittedHereAreDeliveredWithoutAClaim() {
		List<UUID> emitted = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			emitted.add(this.bus.emit("handoff.plain", i));
		}
		for (UUID eventId : emitted) {
			assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		}
		// a claimed event's row is not held: it would show about 0 s here
		assertThat(this.holds.seconds).as("each row held while its subscriber ran")
			.containsOnlyKeys(emitted)
			.allSatisfy((eventId, seconds) -> assertThat(seconds).isBetween(40.0, 46.0));
		assertThat(this.log.statements()).as("the rounds acknowledged")
			.anyMatch((statement) -> mentions(statement, "delete from _event_queue"));
	}

	@Test
	void theWriterHoldsTheRowsOfWhatItHandsOverForOneLease() {
		UUID eventId = this.bus.emit("handoff.held", 1);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		// read by the subscriber while it ran: the row was held from the write
		assertThat(this.holds.seconds.get(eventId)).isBetween(40.0, 46.0);
	}

	@Test
	void aDelayedEventIsNotHeldButWaitsForItsTime() {
		UUID eventId = this.bus.emit("handoff.delayed", 1, EmitOptions.builder().delay(Duration.ofHours(2)).build());
		Double waits = this.jdbc.sql("""
				select extract(epoch from q.available_at - e.created_at) from _event_queue q
				join _events e on e.id = q.id where e.event_id = ?""").param(eventId).query(Double.class).single();
		assertThat(waits).isEqualTo(7200.0);
		this.jdbc.sql("delete from _events where event_id = ?").param(eventId).update();
		this.jdbc.sql("delete from _event_queue where id not in (select id from _events)").update();
	}

	@Test
	void anEventRolledBackIsNotHandedOver() {
		this.tx.executeWithoutResult((status) -> {
			this.bus.emit("handoff.rolledback", 1);
			status.setRollbackOnly();
		});
		UUID eventId = this.bus.emit("handoff.after-rollback", 2);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		assertThat(this.holds.types).doesNotContain("handoff.rolledback");
	}

	@Test
	void roundsCommittedAFewMillisecondsApartAreAcknowledgedTogether() throws InterruptedException {
		List<UUID> emitted = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < 10; i++) {
			emitted.add(this.bus.emit("threads.gathered", i));
			Thread.sleep(4);
		}
		// nobody awaits a delivery yet: the acknowledgements gather for 25 ms
		await().atMost(Duration.ofSeconds(10)).until(() -> emitted.stream().allMatch(this.threads.names::containsKey));
		long windows = Duration.ofNanos(System.nanoTime() - started).toMillis() / 25 + 1;
		emitted.forEach((eventId) -> assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue());
		assertThat(
				this.log.statements().stream().filter((statement) -> mentions(statement, "delete from _event_queue")))
			.as("acknowledgements of ten rounds 4 ms apart, one per 25 ms")
			.hasSizeBetween(1, (int) Math.min(windows + 1, 9));
	}

	@Test
	void cheapDeliveriesRunOnTheHandOffThreadAndSlowOnesOnTheWorkers() {
		// cheap rounds bring down what the rounds of other tests left the average at
		assertThat(IntStream.range(0, 100).mapToObj((i) -> deliveredOn(emitTogether("threads.fast", 3))))
			.as("a round of three cheap deliveries on the hand-off's thread alone")
			.contains(Set.of("events-hand-off"));
		// a slow round shows that handlers take long: the rounds after it are shared
		// among the workers
		deliveredOn(emitTogether("threads.slow", 3));
		assertThat(deliveredOn(emitTogether("threads.slow", 3)))
			.allMatch((name) -> name.startsWith("events-delivery-"));
	}

	private List<UUID> emitTogether(String type, int count) {
		List<UUID> emitted = new ArrayList<>();
		this.tx.executeWithoutResult((status) -> {
			for (int i = 0; i < count; i++) {
				emitted.add(this.bus.emit(type, i));
			}
		});
		return emitted;
	}

	private Set<String> deliveredOn(List<UUID> events) {
		events.forEach((eventId) -> assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue());
		return events.stream().map(this.threads.names::get).collect(Collectors.toSet());
	}

	private static boolean mentions(Statement statement, String text) {
		return statement.sql().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT).contains(text);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HandOffConfiguration {

		@Bean
		static StatementLog statementLog() {
			return new StatementLog();
		}

		@Bean
		HoldRecorder holdRecorder(JdbcClient jdbc) {
			return new HoldRecorder(jdbc);
		}

		@Bean
		ThreadRecorder threadRecorder() {
			return new ThreadRecorder();
		}

	}

	/**
	 * Records, as it receives each event, how long past the event's creation its work
	 * list row is held.
	 */
	static class HoldRecorder {

		final Map<UUID, Double> seconds = new ConcurrentHashMap<>();

		final List<String> types = new CopyOnWriteArrayList<>();

		private final JdbcClient jdbc;

		HoldRecorder(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@OnEvent("handoff.*")
		void received(Event event) {
			this.types.add(event.eventType());
			this.seconds.put(event.eventId(),
					this.jdbc.sql("""
							select extract(epoch from q.available_at - e.created_at) from _event_queue q
							join _events e on e.id = q.id where e.event_id = ?""")
						.param(event.eventId())
						.query(Double.class)
						.single());
		}

	}

	/**
	 * Records the thread each event was delivered on; {@code threads.slow} takes 50 ms.
	 */
	static class ThreadRecorder {

		final Map<UUID, String> names = new ConcurrentHashMap<>();

		@OnEvent("threads.*")
		void received(Event event) throws InterruptedException {
			this.names.put(event.eventId(), Thread.currentThread().getName());
			if (event.eventType().equals("threads.slow")) {
				Thread.sleep(50);
			}
		}

	}

}
