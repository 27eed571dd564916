package dev.eventstarter.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.eventstarter.test.PostgresTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Import(PostgresTestConfiguration.class)
@TestPropertySource(properties = "events.jdbc.initialize-schema=always")
class PostgresDispatchTests extends DispatchContractTests {

	// on H2, single-instance, leases live and die with the one JVM
	@Test
	void expiredLeaseOfACrashedDispatcherIsClaimedAgain() {
		UUID eventId = this.bus.emit("leased.x", 1);
		// what a dispatcher that crashed after claiming leaves behind
		this.jdbc.sql("""
				insert into _event_leases (event_ids, leased_until)
				select array[id], ? from _events where event_id = ?""")
			.params(Instant.now().plusMillis(500).atOffset(ZoneOffset.UTC), eventId)
			.update();
		assertThat(this.bus.drain()).isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.bus.drain() > 0);
		assertThat(types("everything")).containsExactly("leased.x");
		assertThat(this.bus.awaitDelivery(eventId, Duration.ZERO)).isTrue();
		assertThat(this.jdbc.sql("select count(*) from _event_leases").query(Integer.class).single())
			.as("the expired lease is cleaned up")
			.isZero();
	}

	// issue 22: the acknowledgement used to rewrite every delivered event, a non-HOT
	// update with all its indexes
	@Test
	void dispatchLeavesTheEventRowAsItWasWritten() {
		UUID eventId = this.bus.emit("untouched.x", 1);
		String written = rowVersion(eventId);
		assertThat(this.bus.drain()).isOne();
		assertThat(rowVersion(eventId)).as("the same tuple, never updated").isEqualTo(written);
		assertThat(this.store.findByEventId(eventId).orElseThrow().dispatchedAt()).isNotNull();
		assertThat(count("select count(*) from _event_queue q join _events e on e.id = q.id where e.event_id = ?",
				eventId))
			.as("off the work list")
			.isZero();
		assertThat(count("select count(*) from _event_dispatches d join _events e on d.event_ids @> e.id "
				+ "where e.event_id = ?", eventId))
			.as("in the record of one round")
			.isOne();
	}

	@Test
	void retentionGoesByTheRoundThatDispatchedAnEventAndTakesTheRoundWithIt() {
		UUID old = this.bus.emit("rounds.old", 1);
		assertThat(this.bus.drain()).isOne();
		UUID recent = this.bus.emit("rounds.recent", 1);
		assertThat(this.bus.drain()).as("a round of its own").isOne();
		Instant longAgo = Instant.now().minus(Duration.ofDays(40));
		// only the round of the old event is old: the event row itself has no dispatch
		// time
		this.jdbc.sql("update _events set created_at = ? where event_id in (?, ?)")
			.params(longAgo.atOffset(ZoneOffset.UTC), old, recent)
			.update();
		this.jdbc
			.sql("update _event_dispatches d set dispatched_at = ? from _events e "
					+ "where d.event_ids @> e.id and e.event_id = ?")
			.params(longAgo.atOffset(ZoneOffset.UTC), old)
			.update();
		assertThat(this.context.getBean("eventDispatchedRetention", RetentionTask.class).run(() -> false)).isOne();
		assertThat(this.store.findByEventId(old)).isEmpty();
		assertThat(this.store.findByEventId(recent)).isPresent();
		assertThat(this.jdbc.sql("select count(*) from _event_dispatches where dispatched_at < ?")
			.param(Instant.now().minus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.single()).as("the old round went with its last event").isZero();
	}

	private int count(String sql, UUID eventId) {
		return this.jdbc.sql(sql).param(eventId).query(Integer.class).single();
	}

	private String rowVersion(UUID eventId) {
		return this.jdbc.sql("select cast(ctid as text) || '/' || cast(xmin as text) from _events where event_id = ?")
			.param(eventId)
			.query(String.class)
			.single();
	}

}
