package dev.eventstarter.store;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event batches of this JVM that were inserted and whose transaction has not
 * completed yet. On an embedded database, where this JVM is the only writer, it tells
 * when every id handed out before a moment is committed or rolled back: what the SSE
 * stream needs to never skip an id that commits late.
 */
public final class InFlightWrites {

	private final AtomicLong generations = new AtomicLong();

	private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();

	/**
	 * Start tracking a batch, before it is inserted.
	 * @return its generation, to pass to {@link #end}
	 */
	long begin() {
		long generation = this.generations.incrementAndGet();
		this.inFlight.add(generation);
		return generation;
	}

	/**
	 * Stop tracking a batch: its transaction completed.
	 * @param generation the batch's generation
	 */
	void end(long generation) {
		this.inFlight.remove(generation);
	}

	/**
	 * Mark this moment.
	 * @return a mark that every batch begun before now is below
	 */
	public long mark() {
		return this.generations.get() + 1;
	}

	/**
	 * Whether every batch begun before a mark has completed.
	 * @param mark the mark
	 * @return whether none of them is in flight
	 */
	public boolean completedBefore(long mark) {
		Long oldest = this.inFlight.isEmpty() ? null : this.inFlight.first();
		return oldest == null || oldest >= mark;
	}

}
