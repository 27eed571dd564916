package dev.eventstarter.dispatch;

import java.time.Duration;

import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

/**
 * How one delivery of an event to a subscriber went.
 *
 * @param event the event
 * @param subscriber the subscriber
 * @param outcome what happened
 * @param error what it failed with, for a failure
 * @param orderingKey the key ordering it, for an ordered subscriber
 * @param failure the failure the subscriber threw, when it says more than "retry"
 */
record DeliveryResult(StoredEvent event, Subscriber subscriber, Outcome outcome, @Nullable String error,
		@Nullable String orderingKey, @Nullable DeliveryFailure failure) {

	DeliveryResult(StoredEvent event, Subscriber subscriber, Outcome outcome, @Nullable String orderingKey) {
		this(event, subscriber, outcome, null, orderingKey, null);
	}

	/**
	 * Whether this failure, after so many attempts, makes the delivery dead.
	 */
	boolean dead(int attempts, RetryPolicy policy) {
		return (this.failure != null && this.failure.isPermanent())
				|| attempts >= policy.maxAttempts(this.subscriber, this.event.metadata());
	}

	/**
	 * How long to wait before the next attempt.
	 */
	Duration delay(int attempts, RetryPolicy policy) {
		Duration retryAfter = (this.failure != null) ? this.failure.getRetryAfter() : null;
		return (retryAfter != null) ? policy.cap(retryAfter)
				: policy.delay(this.subscriber, this.event.metadata(), attempts);
	}

	/**
	 * Whether the handler was called.
	 */
	boolean attempted() {
		return this.outcome == Outcome.SUCCEEDED || this.outcome == Outcome.FAILED;
	}

	enum Outcome {

		SUCCEEDED, FAILED, WAITING, NOT_STARTED

	}

}
