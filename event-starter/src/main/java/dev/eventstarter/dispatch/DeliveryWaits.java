package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventstarter.dispatch.DeliveryRows.DeliveryState;

/**
 * {@code awaitDelivery}: polls where an event stands, woken early by acknowledgements in
 * this instance; those of other instances are found by the poll.
 */
final class DeliveryWaits {

	private static final long POLL_MILLIS = 25;

	private final DeliveryRows rows;

	private final Object acknowledged = new Object();

	private final AtomicInteger waiting = new AtomicInteger();

	DeliveryWaits(DeliveryRows rows) {
		this.rows = rows;
	}

	/**
	 * Wait until an event is delivered to every durable subscriber.
	 * @param hurry asks for what was delivered to be acknowledged now, before each wait
	 * @return whether it was, in time
	 */
	boolean await(UUID eventId, Duration timeout, Runnable hurry) {
		this.waiting.incrementAndGet();
		try {
			return awaitDelivered(eventId, timeout, hurry);
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	/**
	 * Whether a caller waits: acknowledgements that are gathered go at once then.
	 */
	boolean anyWaiting() {
		return this.waiting.get() > 0;
	}

	private boolean awaitDelivered(UUID eventId, Duration timeout, Runnable hurry) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			DeliveryState state = this.rows.state(eventId);
			if (state == DeliveryState.DELIVERED) {
				return true;
			}
			long remaining = deadline - System.nanoTime();
			if (state == DeliveryState.DEAD || remaining <= 0) {
				return false;
			}
			hurry.run();
			synchronized (this.acknowledged) {
				try {
					this.acknowledged
						.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), POLL_MILLIS)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
	}

	/**
	 * Wake the waiters: deliveries were acknowledged.
	 */
	void acknowledged() {
		synchronized (this.acknowledged) {
			this.acknowledged.notifyAll();
		}
	}

}
