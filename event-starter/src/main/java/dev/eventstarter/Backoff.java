package dev.eventstarter;

/**
 * How the delay between delivery attempts grows.
 */
public enum Backoff {

	/**
	 * Initial delay doubled on every attempt (1 s, 2 s, 4 s …), capped, with jitter.
	 */
	EXPONENTIAL,

	/**
	 * Initial delay times the attempt number (1 s, 2 s, 3 s …), capped.
	 */
	LINEAR,

	/**
	 * The initial delay between every attempt.
	 */
	FIXED

}
