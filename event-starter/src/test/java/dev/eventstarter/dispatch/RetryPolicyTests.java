package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.Map;

import dev.eventstarter.Backoff;
import dev.eventstarter.dispatch.DispatchFixtures.Recorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often and how late a failed delivery is tried again.
 */
class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(10, Backoff.EXPONENTIAL, Duration.ofSeconds(1),
			Duration.ofSeconds(30));

	private final Subscriber plain = new Recorder().durable("plain");

	@Test
	void exponentialDelaysDoubleWithAQuarterOfJitterUpToTheMaximum() {
		for (int i = 0; i < 100; i++) {
			assertThat(this.policy.delay(this.plain, Map.of(), 1)).isBetween(Duration.ofMillis(750),
					Duration.ofMillis(1250));
			assertThat(this.policy.delay(this.plain, Map.of(), 2)).isBetween(Duration.ofMillis(1500),
					Duration.ofMillis(2500));
			assertThat(this.policy.delay(this.plain, Map.of(), 10)).isBetween(Duration.ofSeconds(15),
					Duration.ofSeconds(30));
		}
	}

	@Test
	void linearAndFixedBackoffComeFromTheSubscriberOrTheEvent() {
		Subscriber linear = Subscriber.durable("linear", java.util.List.of("*"), 3, Backoff.LINEAR, (event) -> {
		});
		assertThat(this.policy.delay(linear, Map.of(), 3)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.policy.delay(linear, Map.of("backoff", "FIXED"), 3)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.maxAttempts(linear, Map.of())).isEqualTo(3);
		assertThat(this.policy.maxAttempts(linear, Map.of("maxAttempts", 7))).isEqualTo(7);
		assertThat(this.policy.maxAttempts(this.plain, Map.of())).isEqualTo(10);
	}

	@Test
	void aDelayTheSubscriberAsksForIsCappedAndNeverNegative() {
		assertThat(this.policy.cap(Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.policy.cap(Duration.ofSeconds(-5))).isZero();
		assertThat(this.policy.cap(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
	}

}
