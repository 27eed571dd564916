package dev.eventstarter.test;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How the delivery of an event to one durable subscriber stands, as
 * {@code _event_deliveries} records it. A delivery that succeeded on its first attempt
 * has no record.
 *
 * @param subscriber the subscriber's name
 * @param status {@code PENDING}, {@code FAILED} (another attempt is scheduled),
 * {@code DEAD} (attempts exhausted, waits for an operator) or {@code SUCCEEDED}
 * @param attempts the attempts made
 * @param lastError the last attempt's error, or {@code null}
 * @param nextAttemptAt when the next attempt is due, or {@code null}
 */
public record DeliveryState(String subscriber, String status, int attempts, @Nullable String lastError,
		@Nullable Instant nextAttemptAt) {

	/**
	 * Whether no attempt is left: the delivery waits for an operator.
	 * @return {@code true} for a dead delivery
	 */
	public boolean isDead() {
		return "DEAD".equals(this.status);
	}

}
