package dev.eventstarter.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.eventstarter.Event;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.test.PostgresTestConfiguration;
import dev.eventstarter.testapp.Counter;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The background dispatcher on PostgreSQL: woken by commits, retrying with backoff, and
 * keeping ordered subscribers in order while several threads change one entity.
 */
@Import({ PostgresTestConfiguration.class, DispatchTestConfiguration.class })
@TestPropertySource(properties = { "events.jdbc.initialize-schema=always", "events.dispatch.enabled=true",
		"events.dispatch.poll-interval=20ms", "events.delivery.initial-delay=200ms", "events.delivery.max-delay=2s" })
class BackgroundDispatchTests extends IntegrationTests {

	@Autowired
	TestSubscribers subscribers;

	@BeforeEach
	void clearRecordings() {
		this.subscribers.clear();
	}

	@Test
	void commitWakesTheDispatcher() {
		UUID eventId = this.bus.emit("wake.up", 1);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		assertThat(this.subscribers.received("everything")).extracting(Event::eventId).contains(eventId);
	}

	@Test
	void failingTwiceThenSucceedingOnTheThirdAttemptWithExponentialBackoff() {
		UUID eventId = this.bus.emit("flaky.twice", 2);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		List<Instant> attempts = this.subscribers.attempts.get(eventId.toString());
		assertThat(attempts).hasSize(3);
		Duration firstDelay = Duration.between(attempts.get(0), attempts.get(1));
		Duration secondDelay = Duration.between(attempts.get(1), attempts.get(2));
		// 200 ms then 400 ms, each with up to a quarter of jitter; a slow machine only
		// adds
		assertThat(firstDelay).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
		assertThat(secondDelay).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
		assertThat(this.jdbc.sql("""
				select status || ' ' || attempts from _event_deliveries d join _events e on e.id = d.event_id
				where e.event_id = ? and d.subscriber = 'testSubscribers.flaky'""")
			.param(eventId)
			.query(String.class)
			.single()).isEqualTo("SUCCEEDED 3");
	}

	@Test
	void orderedSubscriberStaysInOrderUnderConcurrentUpdatesOfOneEntity() throws Exception {
		this.tx.executeWithoutResult((status) -> {
			this.em.persist(new Counter(1L));
			this.em.persist(new Counter(2L));
		});
		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> done = new ArrayList<>();
		for (int thread = 0; thread < 4; thread++) {
			done.add(writers
				.submit(() -> IntStream.range(0, 25).forEach((i) -> this.tx.executeWithoutResult((status) -> {
					this.em.find(Counter.class, 1L, LockModeType.PESSIMISTIC_WRITE).increment();
					this.em.find(Counter.class, 2L, LockModeType.PESSIMISTIC_WRITE).increment();
				}))));
		}
		for (Future<?> future : done) {
			future.get();
		}
		writers.shutdown();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.subscribers.orderedValues("1").size() == 100
					&& this.subscribers.orderedValues("2").size() == 100);
		List<Integer> expected = IntStream.rangeClosed(1, 100).boxed().toList();
		assertThat(this.subscribers.orderedValues("1")).isEqualTo(expected);
		assertThat(this.subscribers.orderedValues("2")).isEqualTo(expected);
	}

}
