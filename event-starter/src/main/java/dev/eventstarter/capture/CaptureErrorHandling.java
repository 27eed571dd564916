package dev.eventstarter.capture;

/**
 * What happens when the event of an entity change cannot be built.
 */
public enum CaptureErrorHandling {

	/**
	 * Fail the transaction with an error naming the entity and attribute.
	 */
	FAIL,

	/**
	 * Skip the event and log a warning; the transaction goes on.
	 */
	LOG

}
