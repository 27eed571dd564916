package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.test.PostgresTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that outlives the lease keeps its hand-off's hold: the dispatcher renews it,
 * so no claim (this instance's, polling every 100 ms) takes the event a second time.
 */
@Import({ PostgresTestConfiguration.class, PostgresSlowHandOffTests.SlowConfiguration.class })
@TestPropertySource(properties = { "events.jdbc.initialize-schema=always", "events.dispatch.enabled=true",
		"events.dispatch.poll-interval=100ms", "events.dispatch.lease=2s" })
class PostgresSlowHandOffTests extends IntegrationTests {

	@Autowired
	SlowSubscriber slow;

	@Test
	void aHandlerSlowerThanTheLeaseRunsOnce() {
		UUID eventId = this.bus.emit("slowhandoff.work", 1);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(20))).isTrue();
		assertThat(this.slow.calls.get(eventId)).as("delivered once").hasValue(1);
		// a second delivery would start after the first acknowledgement at the latest
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(3))).isTrue();
		assertThat(this.slow.calls.get(eventId)).hasValue(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SlowConfiguration {

		@Bean
		SlowSubscriber slowSubscriber() {
			return new SlowSubscriber();
		}

	}

	static class SlowSubscriber {

		final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();

		@OnEvent("slowhandoff.*")
		void work(Event event) throws InterruptedException {
			this.calls.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet();
			// longer than the 2 s hold, which the dispatcher renews every 0.67 s
			Thread.sleep(3500);
		}

	}

}
