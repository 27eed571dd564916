package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import dev.eventstarter.store.VisibilityHorizon;

/**
 * The settled horizon as ordered deliveries see it: asked only when the ids in question
 * are past what is known, waited for a little when a round needs it, and watched for the
 * deliveries left in rows until it passes them.
 */
final class OrderedHorizon {

	static final Duration WAIT = Duration.ofMillis(25);

	// each look at the horizon costs the database a scan of its lock table
	private static final long POLL_NANOS = 5_000_000;

	private static final long WAITING_CHECK_NANOS = 100_000_000;

	private final VisibilityHorizon horizon;

	private final BooleanSupplier stopping;

	// the highest id whose ordered deliveries wait in delivery rows for the horizon to
	// pass it, 0 for none
	private final AtomicLong waiting = new AtomicLong();

	private volatile long known = -1;

	private volatile long lastWaitingCheck;

	OrderedHorizon(VisibilityHorizon horizon, BooleanSupplier stopping) {
		this.horizon = horizon;
		this.stopping = stopping;
	}

	long settled() {
		long settled = this.horizon.settled();
		this.known = settled;
		return settled;
	}

	/**
	 * The settled horizon, asked only when an id is past what is known.
	 */
	long settledUpTo(long id) {
		return (id <= this.known) ? this.known : settled();
	}

	/**
	 * Wait a little for the horizon to pass an id: writers usually commit within
	 * milliseconds, and delivering now is cheaper than leaving a delivery row.
	 */
	long await(long id) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		long settled = settled();
		while (settled < id && !this.stopping.getAsBoolean() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(POLL_NANOS);
			settled = settled();
		}
		return settled;
	}

	/**
	 * Note that ordered deliveries of ids up to this one wait in delivery rows.
	 */
	void leftWaiting(long id) {
		this.waiting.accumulateAndGet(id, Math::max);
	}

	boolean anyWaiting() {
		return this.waiting.get() > 0;
	}

	/**
	 * Whether the horizon passed every delivery left waiting, which the retry round may
	 * take up now; forgets them once it has.
	 */
	boolean passedWaiting() {
		long waiting = this.waiting.get();
		if (waiting <= 0) {
			return false;
		}
		if (waiting > this.known) {
			// the rows wait for a stalled writer, most likely: look every so often
			long now = System.nanoTime();
			if (now - this.lastWaitingCheck < WAITING_CHECK_NANOS) {
				return false;
			}
			this.lastWaitingCheck = now;
		}
		if (settledUpTo(waiting) >= waiting) {
			this.waiting.compareAndSet(waiting, 0);
			return true;
		}
		return false;
	}

	/**
	 * Wait until every id handed out before the call is settled.
	 */
	boolean awaitAllSettled(Duration timeout) {
		return this.horizon.awaitSettled(timeout);
	}

}
