package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.List;

import dev.eventstarter.store.StoredEvent;

/**
 * Claims of due events: a batch claimed under one lease, held while its handlers run, and
 * given back or ended when it is acknowledged. A lease that outlives its dispatcher
 * expires, and its undispatched events are claimed again.
 */
interface EventLeases {

	/**
	 * The lease of events handed over in memory, which their work list rows hold instead.
	 */
	long NO_LEASE = 0;

	/**
	 * Claim due events ({@code available_at} passed), highest priority first, then
	 * oldest, that no live lease holds, and commit the claim.
	 * @param now the current time
	 * @param leaseEnd when the lease expires unless renewed
	 * @param limit the most events to claim
	 * @return the claim, {@link Claim#NONE} when nothing is due
	 */
	Claim claim(Instant now, Instant leaseEnd, int limit);

	/**
	 * Extend a lease while its handlers run.
	 */
	void renew(long lease, Instant leaseEnd);

	/**
	 * End a lease early: its events that are not dispatched can be claimed again.
	 */
	void release(long lease);

	/**
	 * Hold the work list rows of events handed over in memory until a time: later to
	 * renew them, now to give them back to any dispatcher.
	 */
	default void hold(List<StoredEvent> events, Instant until) {
		throw new UnsupportedOperationException("Only PostgreSQL hands events over in memory");
	}

	/**
	 * Mark events dispatched, and end their lease unless handlers still run; in the
	 * caller's transaction when there is one.
	 */
	void markDispatched(long lease, boolean endLease, List<StoredEvent> events, Instant now);

	/**
	 * Called once the acknowledgement that marked a lease's events committed.
	 */
	default void acknowledged(long lease, boolean endLease) {
	}

	/**
	 * Events claimed under one lease.
	 *
	 * @param lease the lease
	 * @param events the events
	 */
	record Claim(long lease, List<StoredEvent> events) {

		static final Claim NONE = new Claim(0, List.of());

	}

}
