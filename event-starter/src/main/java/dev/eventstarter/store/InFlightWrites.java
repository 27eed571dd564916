package dev.eventstarter.store;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event batches of this JVM that were inserted and whose transaction has not
 * completed yet. On an embedded database, where this JVM is the only writer, it tells
 * when every id handed out before a moment is committed or rolled back: what ordered
 * deliveries and the SSE stream need to never skip an id that commits late.
 */
public final class InFlightWrites {

	private final AtomicLong generations = new AtomicLong();

	private final ConcurrentNavigableMap<Long, HeldBack.Blocker> inFlight = new ConcurrentSkipListMap<>();

	private final Clock clock;

	public InFlightWrites(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Start tracking a batch, before it is inserted.
	 * @return its generation, to pass to {@link #end}
	 */
	long begin() {
		long generation = this.generations.incrementAndGet();
		this.inFlight.put(generation,
				new HeldBack.Blocker(null, "this application, thread '" + Thread.currentThread().getName() + "'",
						"committing events", this.clock.instant()));
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
		return this.inFlight.headMap(mark).isEmpty();
	}

	/**
	 * The batches begun before a mark that are still in flight.
	 * @param mark the mark
	 * @return their writers, oldest first
	 */
	List<HeldBack.Blocker> inFlightBefore(long mark) {
		return List.copyOf(this.inFlight.headMap(mark).values());
	}

}
