package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Instant;

import dev.eventstarter.dispatch.DeliveryRows.ClaimedDelivery;
import dev.eventstarter.dispatch.DeliveryRows.DeliveryRow;
import dev.eventstarter.dispatch.DeliveryRows.DeliveryUpdate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns how a delivery went into what to record: the row a first attempt leaves, or the
 * update of a later one, with the next attempt scheduled by the {@link RetryPolicy}. A
 * delivery that becomes dead needs an operator, so it is a warning, once, in one line.
 */
final class DeliveryOutcomes {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final RetryPolicy retryPolicy;

	private final Clock clock;

	DeliveryOutcomes(RetryPolicy retryPolicy, Clock clock) {
		this.retryPolicy = retryPolicy;
		this.clock = clock;
	}

	/**
	 * The row a first attempt leaves.
	 * @return the row, {@code null} for a success, which needs none
	 */
	@Nullable DeliveryRow firstAttempt(DeliveryResult result, Instant now) {
		long eventId = result.event().id();
		String subscriber = result.subscriber().id();
		return switch (result.outcome()) {
			case SUCCEEDED -> null;
			case WAITING, NOT_STARTED ->
				new DeliveryRow(eventId, subscriber, DeliveryStatus.PENDING, 0, now, null, null, result.orderingKey());
			case FAILED -> {
				boolean dead = result.dead(1, this.retryPolicy);
				if (dead) {
					reportDead(result, 1);
				}
				yield new DeliveryRow(eventId, subscriber, dead ? DeliveryStatus.DEAD : DeliveryStatus.FAILED, 1,
						dead ? null : now.plus(result.delay(1, this.retryPolicy)), now, result.error(),
						result.orderingKey());
			}
		};
	}

	/**
	 * The update a later attempt leaves.
	 */
	DeliveryUpdate laterAttempt(ClaimedDelivery claim, DeliveryResult result) {
		Instant now = this.clock.instant();
		int attempts = claim.attempts() + 1;
		return switch (result.outcome()) {
			case SUCCEEDED -> new DeliveryUpdate(claim.id(), DeliveryStatus.SUCCEEDED, attempts, null, now, null);
			case WAITING, NOT_STARTED ->
				new DeliveryUpdate(claim.id(), DeliveryStatus.PENDING, claim.attempts(), now, null, null);
			case FAILED -> {
				boolean dead = result.dead(attempts, this.retryPolicy);
				if (dead) {
					reportDead(result, attempts);
				}
				yield new DeliveryUpdate(claim.id(), dead ? DeliveryStatus.DEAD : DeliveryStatus.FAILED, attempts,
						dead ? null : now.plus(result.delay(attempts, this.retryPolicy)), now, result.error());
			}
		};
	}

	private static void reportDead(DeliveryResult result, int attempts) {
		logger.warn("Delivery of " + result.event().eventType() + " " + result.event().eventId() + " to "
				+ result.subscriber().id() + " is dead after " + attempts
				+ ((attempts == 1) ? " attempt: " : " attempts: ") + result.error()
				+ ". Retry it with POST /actuator/events/" + result.event().eventId() + " or EventBus.retry.");
	}

}
