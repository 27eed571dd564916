package dev.eventstarter.dispatch;

/**
 * State of a row in {@code _event_deliveries}. A delivery that succeeds on its first
 * attempt has no row.
 */
enum DeliveryStatus {

	/**
	 * Not attempted yet: waiting behind an earlier event of its resource (ordered), not
	 * started before a shutdown, or scheduled again by an operator.
	 */
	PENDING,

	/**
	 * Failed, with another attempt scheduled.
	 */
	FAILED,

	/**
	 * Failed on its last attempt; waits for an operator.
	 */
	DEAD,

	/**
	 * Succeeded after a failure or a wait.
	 */
	SUCCEEDED

}
