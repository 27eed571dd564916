package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.eventstarter.store.EventHandOff;
import dev.eventstarter.store.PendingEvent;
import dev.eventstarter.store.StoredEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events this instance committed, passed to its dispatcher in memory (PostgreSQL): a
 * round of them costs no claim, only its acknowledgement, which is what keeps delivery
 * within milliseconds of the commit while writers keep the database busy.
 *
 * <p>
 * The writer holds their work list rows for one lease, so no dispatcher claims them
 * meanwhile; this one gives back what it cannot deliver in time. Once more than a round
 * waits here the dispatcher is behind: writers stop holding, and new events are claimed
 * as before, so memory stays bounded and a backlog drains in full rounds.
 */
final class HandOff implements EventHandOff {

	private static final Log logger = LogFactory.getLog(HandOff.class);

	private final ThreadLocal<@Nullable Written> written = new ThreadLocal<>();

	private final Queue<Held> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final Duration hold;

	private final int capacity;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final boolean enabled;

	private final Consumer<List<StoredEvent>> giveBack;

	private volatile boolean open;

	// the thread parked in await, if any
	private volatile @Nullable Thread waiter;

	/**
	 * @param enabled whether events are handed over at all: only on PostgreSQL, whose
	 * writer (or, in the WAL store mode, relay) holds their rows
	 * @param hold how long the writer holds the rows: the dispatch lease
	 * @param capacity how many events may wait: the dispatch batch size
	 * @param giveBack ends the hold of events that will not be delivered here
	 */
	HandOff(boolean enabled, Duration hold, int capacity, JsonMapper jsonMapper, Clock clock,
			Consumer<List<StoredEvent>> giveBack) {
		this.enabled = enabled;
		this.giveBack = giveBack;
		this.hold = hold;
		this.capacity = capacity;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@Override
	public @Nullable Instant holdUntil() {
		return (this.open && this.size.get() < this.capacity) ? this.clock.instant().plus(this.hold) : null;
	}

	@Override
	public void written(List<PendingEvent> events, long[] ids, Instant heldUntil) {
		List<Held> held = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			held.add(new Held(new StoredEvent(ids[i], events.get(i), null, this.jsonMapper), heldUntil));
		}
		this.written.set(new Written(events.isEmpty() ? null : events.get(0).transactionId(), held));
	}

	/**
	 * Hand over what the writer held in the transaction that committed on this thread.
	 * @param events the transaction's events
	 * @return whether any was handed over; those that were not are left to claims
	 */
	boolean committed(List<PendingEvent> events) {
		Written written = this.written.get();
		this.written.remove();
		if (written == null || events.isEmpty() || !events.get(0).transactionId().equals(written.transactionId())) {
			return false;
		}
		return add(written.events()) > 0;
	}

	/**
	 * Hand over what the WAL relay held in the batch it committed on this thread: its
	 * events come from many transactions.
	 * @return how many events were handed over
	 */
	int relayed() {
		Written written = this.written.get();
		this.written.remove();
		return (written != null) ? add(written.events()) : 0;
	}

	/**
	 * Queue events, unless the dispatcher stopped since they were held: then they are
	 * given back at once, rather than left to wait for the end of their hold.
	 */
	private int add(List<Held> events) {
		boolean added;
		synchronized (this.queue) {
			added = this.open;
			if (added) {
				this.queue.addAll(events);
				this.size.addAndGet(events.size());
			}
		}
		if (!added) {
			giveBack(events);
			return 0;
		}
		Thread waiting = this.waiter;
		if (waiting != null) {
			LockSupport.unpark(waiting);
		}
		return events.size();
	}

	@Override
	public void discard() {
		this.written.remove();
	}

	/**
	 * Take the events waiting, oldest first.
	 * @param limit the most to take
	 * @return the events
	 */
	List<Held> take(int limit) {
		List<Held> taken = new ArrayList<>(Math.min(limit, Math.max(this.size.get(), 1)));
		Held held;
		while (taken.size() < limit && (held = this.queue.poll()) != null) {
			taken.add(held);
		}
		this.size.addAndGet(-taken.size());
		return taken;
	}

	/**
	 * Take the events waiting, or wait for some first.
	 * @param limit the most to take
	 * @param nanos how long to wait at most
	 * @return the events, none when the wait ended first
	 */
	List<Held> await(int limit, long nanos) {
		List<Held> taken = take(limit);
		if (!taken.isEmpty() || nanos <= 0) {
			return taken;
		}
		this.waiter = Thread.currentThread();
		try {
			// an event added between the first look and the park unparks it in advance
			taken = take(limit);
			if (taken.isEmpty()) {
				LockSupport.parkNanos(nanos);
				taken = take(limit);
			}
			return taken;
		}
		finally {
			this.waiter = null;
		}
	}

	/**
	 * Wake the thread waiting for events, to let it see that it should stop.
	 */
	void wakeWaiter() {
		Thread waiting = this.waiter;
		if (waiting != null) {
			LockSupport.unpark(waiting);
		}
	}

	boolean enabled() {
		return this.enabled;
	}

	void open() {
		this.open = this.enabled;
	}

	/**
	 * Stop taking events, and give back those still waiting: the dispatcher stops.
	 */
	void close() {
		List<Held> left;
		synchronized (this.queue) {
			this.open = false;
			left = take(Integer.MAX_VALUE);
		}
		giveBack(left);
	}

	private void giveBack(List<Held> events) {
		if (events.isEmpty()) {
			return;
		}
		try {
			this.giveBack.accept(events.stream().map(Held::event).toList());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not give back " + events.size() + " events handed over to a dispatcher that "
					+ "stopped; they are claimed once their hold ends", ex);
		}
	}

	/**
	 * An event handed over and until when its work list row is held.
	 *
	 * @param event the event
	 * @param heldUntil the end of the hold
	 */
	record Held(StoredEvent event, Instant heldUntil) {

	}

	private record Written(@Nullable UUID transactionId, List<Held> events) {

	}

}
