package dev.eventstarter;

/**
 * How an {@link OnEvent} method receives events.
 */
public enum Delivery {

	/**
	 * Recorded with the event and delivered after commit by the dispatcher, on this or
	 * another instance; retried with backoff until it succeeds or runs out of attempts.
	 * At least once: use {@link Event#eventId()} to make the handler idempotent.
	 */
	DURABLE,

	/**
	 * Called in this process right after the emitting transaction commits. Not recorded,
	 * not retried: a failure is only logged, and a crash between commit and call loses
	 * the call.
	 */
	AFTER_COMMIT,

	/**
	 * Called in the emitting transaction just before it commits; an exception rolls the
	 * transaction back, events included.
	 */
	IN_TRANSACTION

}
