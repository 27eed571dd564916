package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.Map;

import dev.eventstarter.Backoff;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How often and how late durable deliveries are retried: the event's emit options win,
 * then the subscriber's {@code @OnEvent} settings, then {@code events.delivery.*}.
 */
final class RetryPolicy {

	private final int defaultMaxAttempts;

	private final Backoff defaultBackoff;

	private final Duration initialDelay;

	private final Duration maxDelay;

	/**
	 * Create a policy.
	 * @param defaultMaxAttempts attempts when neither event nor subscriber says
	 * @param defaultBackoff backoff when neither event nor subscriber says
	 * @param initialDelay the delay before the second attempt
	 * @param maxDelay the longest delay between attempts
	 */
	RetryPolicy(int defaultMaxAttempts, Backoff defaultBackoff, Duration initialDelay, Duration maxDelay) {
		this.defaultMaxAttempts = defaultMaxAttempts;
		this.defaultBackoff = defaultBackoff;
		this.initialDelay = initialDelay;
		this.maxDelay = maxDelay;
	}

	int maxAttempts(Subscriber subscriber, Map<String, Object> eventMetadata) {
		if (eventMetadata.get("maxAttempts") instanceof Number attempts) {
			return attempts.intValue();
		}
		return (subscriber.maxAttempts() != null) ? subscriber.maxAttempts() : this.defaultMaxAttempts;
	}

	/**
	 * The delay before the next attempt.
	 * @param subscriber the subscriber
	 * @param eventMetadata the metadata of the event
	 * @param attempts how many attempts failed so far, at least 1
	 * @return the delay
	 */
	Duration delay(Subscriber subscriber, Map<String, Object> eventMetadata, int attempts) {
		BackOffExecution execution = backOff(backoff(subscriber, eventMetadata)).start();
		long delay = 0;
		for (int attempt = 0; attempt < attempts; attempt++) {
			delay = execution.nextBackOff();
		}
		return Duration.ofMillis(Math.max(delay, 0));
	}

	/**
	 * A delay asked for by a subscriber, no longer than the longest delay between
	 * attempts.
	 * @param delay the delay asked for
	 * @return the delay to wait
	 */
	Duration cap(Duration delay) {
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay.isNegative() ? Duration.ZERO : delay;
	}

	private Backoff backoff(Subscriber subscriber, Map<String, Object> eventMetadata) {
		if (eventMetadata.get("backoff") instanceof String name) {
			return Backoff.valueOf(name);
		}
		return (subscriber.backoff() != null) ? subscriber.backoff() : this.defaultBackoff;
	}

	private BackOff backOff(Backoff backoff) {
		long initial = this.initialDelay.toMillis();
		long max = this.maxDelay.toMillis();
		return switch (backoff) {
			case EXPONENTIAL -> {
				ExponentialBackOff exponential = new ExponentialBackOff(initial, 2.0);
				exponential.setMaxInterval(max);
				// spreads retries of many deliveries that failed together
				exponential.setJitter(initial / 4);
				yield exponential;
			}
			case LINEAR -> new LinearBackOff(initial, max);
			case FIXED -> new FixedBackOff(Math.min(initial, max));
		};
	}

	/**
	 * A delay growing by the initial delay on each attempt, up to a maximum.
	 */
	private record LinearBackOff(long step, long max) implements BackOff {

		@Override
		public BackOffExecution start() {
			return new BackOffExecution() {

				private long attempts;

				@Override
				public long nextBackOff() {
					this.attempts++;
					return Math.min(LinearBackOff.this.step * this.attempts, LinearBackOff.this.max);
				}

			};
		}

	}

}
