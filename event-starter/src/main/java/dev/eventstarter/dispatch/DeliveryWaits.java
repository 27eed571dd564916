package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.eventstarter.dispatch.DeliveryRows.DeliveryState;

/**
 * {@code awaitDelivery}: polls where an event stands, woken early by acknowledgements in
 * this instance; those of other instances are found by the poll.
 */
final class DeliveryWaits {

	private static final long POLL_MILLIS = 25;

	private final DeliveryRows rows;

	private final Object acknowledged = new Object();

	DeliveryWaits(DeliveryRows rows) {
		this.rows = rows;
	}

	boolean await(UUID eventId, Duration timeout) {
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
