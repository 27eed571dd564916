package dev.eventstarter.dispatch.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.EventBus;
import dev.eventstarter.dispatch.RetentionListener;
import dev.eventstarter.test.TestDatabase;
import dev.eventstarter.test.DispatchState;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention of every table, run by two instances at once on their own schedule, under a
 * clock the test moves: exactly the rows older than their retention go (dispatched
 * events, dead deliveries nobody retried and the events they kept, the rows of deliveries
 * that succeeded late, audit rows), nothing younger, and the run says what it deleted.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetentionTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		InstanceApplication.now.set(Instant.now());
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void twoInstancesDeleteExactlyTheRowsPastTheirRetention(TestDatabase database, CapturedOutput output) {
		InstanceApplication.now.set(T0);
		String url = database.url("events_retention");
		for (String name : List.of("a", "b")) {
			this.instances.add(InstanceApplication.start(name, database, url, "--instance.settable-clock=true",
					"--events.retention.dispatched=7d", "--events.retention.dead=5d",
					"--events.retention.succeeded-deliveries=5d", "--events.audit.retention=5d",
					"--events.audit.enabled=true", "--events.delivery.initial-delay=1s",
					"--events.delivery.max-delay=1s", "--logging.level.dev.eventstarter.dispatch=info"));
		}
		JdbcClient jdbc = JdbcClient.create(this.instances.get(0).getBean(javax.sql.DataSource.class));
		jdbc.sql("delete from _audit_log").update();
		jdbc.sql("delete from _event_deliveries").update();
		jdbc.sql("delete from _events").update();

		Map<String, UUID> old = writeOneOfEach("old");
		// four days later: nothing is due yet, but retention runs, as every ten minutes
		InstanceApplication.now.set(T0.plus(Duration.ofDays(4)));
		Map<String, UUID> recent = writeOneOfEach("recent");
		assertThat(rows(jdbc)).containsEntry("events", 6L)
			.containsEntry("dead deliveries", 2L)
			.containsEntry("succeeded deliveries", 2L)
			.containsEntry("audit rows", 6L);

		// six days after the old ones, two after the recent ones: the old dead delivery,
		// succeeded delivery and audit rows are due, the events not yet
		InstanceApplication.now.set(T0.plus(Duration.ofDays(6)));
		await().atMost(Duration.ofSeconds(20)).until(() -> rows(jdbc).get("audit rows") == 3L);
		await().atMost(Duration.ofSeconds(10)).until(() -> rows(jdbc).get("succeeded deliveries") == 1L);
		assertThat(rows(jdbc)).containsEntry("events", 6L)
			.containsEntry("dead deliveries", 1L)
			.containsEntry("succeeded deliveries", 1L)
			.containsEntry("audit rows", 3L);
		assertThat(deletedCount("dead deliveries")).isEqualTo(1);
		assertThat(deletedCount("succeeded deliveries")).isEqualTo(1);
		assertThat(deletedCount("audit rows")).isEqualTo(3);

		// eight days after the old events: they are due, the one whose dead delivery kept
		// it too; the recent rows are all kept
		InstanceApplication.now.set(T0.plus(Duration.ofDays(8)));
		await().atMost(Duration.ofSeconds(20)).until(() -> rows(jdbc).get("events") == 3L);
		assertThat(rows(jdbc)).containsEntry("events", 3L)
			.containsEntry("dead deliveries", 1L)
			.containsEntry("succeeded deliveries", 1L)
			.containsEntry("audit rows", 3L);
		old.values().forEach((eventId) -> assertThat(eventIds(jdbc)).doesNotContain(eventId.toString()));
		recent.values().forEach((eventId) -> assertThat(eventIds(jdbc)).contains(eventId.toString()));
		assertThat(deletedCount("dispatched events")).isEqualTo(3);
		// both instances run retention: when their runs overlap they share the rows, each
		// logging its part, so the exact count is the metrics' sum above
		assertThat(output).contains("Retention deleted 1 dead deliveries")
			.containsPattern("Retention deleted [123] dispatched events");
		assertThat(this.instances.get(0).getBean(EventBus.class).retry(recent.get("poison"))).isTrue();
	}

	/**
	 * One event delivered at once, one whose delivery dies, one whose delivery succeeds
	 * at its second attempt, all dispatched before this returns.
	 */
	private Map<String, UUID> writeOneOfEach(String age) {
		EventBus bus = this.instances.get(0).getBean(EventBus.class);
		Map<String, UUID> events = new LinkedHashMap<>();
		events.put("plain", bus.emit("plain." + age, 1));
		events.put("poison", bus.emit("poison." + age, 1));
		events.put("flaky", bus.emit("flaky." + age, 1));
		JdbcClient jdbc = JdbcClient.create(this.instances.get(0).getBean(javax.sql.DataSource.class));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from _event_deliveries where status = 'FAILED'")
				.query(Long.class)
				.single() == 1);
		// the flaky delivery's retry comes due
		InstanceApplication.now.set(InstanceApplication.now.get().plusSeconds(2));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> bus.awaitDelivery(events.get("flaky"), Duration.ofMillis(100))
					&& DispatchState.undispatched(this.instances.get(0).getBean(javax.sql.DataSource.class)) == 0);
		return events;
	}

	private static Map<String, Long> rows(JdbcClient jdbc) {
		Map<String, Long> rows = new LinkedHashMap<>();
		rows.put("events", jdbc.sql("select count(*) from _events").query(Long.class).single());
		rows.put("dead deliveries",
				jdbc.sql("select count(*) from _event_deliveries where status = 'DEAD'").query(Long.class).single());
		rows.put("succeeded deliveries",
				jdbc.sql("select count(*) from _event_deliveries where status = 'SUCCEEDED'")
					.query(Long.class)
					.single());
		rows.put("audit rows", jdbc.sql("select count(*) from _audit_log").query(Long.class).single());
		return rows;
	}

	private static List<String> eventIds(JdbcClient jdbc) {
		return jdbc.sql("select event_id from _events").query(String.class).list();
	}

	private double deletedCount(String rows) {
		return this.instances.stream().mapToDouble((instance) -> {
			var counter = instance.getBean(MeterRegistry.class)
				.find(RetentionListener.METRIC)
				.tag("rows", rows)
				.counter();
			return (counter != null) ? counter.count() : 0;
		}).sum();
	}

}
