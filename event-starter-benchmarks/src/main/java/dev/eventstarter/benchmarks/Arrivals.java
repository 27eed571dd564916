package dev.eventstarter.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

/**
 * The durable subscriber the dispatch workloads deliver to: it counts arrivals and, when
 * asked, notes when each order's event arrived.
 */
public class Arrivals {

	private final AtomicLong count = new AtomicLong();

	private final AtomicLong first = new AtomicLong();

	private volatile long last;

	private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();

	private volatile boolean timing;

	@OnEvent(value = "orders.*", id = "arrivals")
	void arrived(Event event) {
		arrived(event.resourceId());
	}

	/**
	 * Count the arrival of a peer's event for an order, timed when asked.
	 * @param orderId the order's id
	 */
	void arrived(String orderId) {
		if (this.timing) {
			this.arrivedAt.put(orderId, System.nanoTime());
		}
		arrived();
	}

	private void arrived() {
		long now = System.nanoTime();
		this.first.compareAndSet(0, now);
		this.last = now;
		this.count.incrementAndGet();
	}

	/**
	 * Wait until a number of deliveries arrived.
	 * @param expected the number
	 * @param timeoutSeconds the longest wait
	 * @return whether they arrived in time
	 */
	boolean await(long expected, long timeoutSeconds) {
		long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
		while (this.count.get() < expected) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Usage.sleep(2);
		}
		return true;
	}

	/**
	 * Seconds from the first arrival to the last.
	 */
	double secondsArriving() {
		return (this.last - this.first.get()) / 1e9;
	}

	long lastArrivalNanos() {
		return this.last;
	}

	long count() {
		return this.count.get();
	}

	void timeEachArrival() {
		this.timing = true;
	}

	Map<String, Long> arrivedAt() {
		return this.arrivedAt;
	}

	/**
	 * Three more no-op subscribers, for the delivery workload with four.
	 */
	public static class ThreeMore {

		private final Arrivals arrivals;

		ThreeMore(Arrivals arrivals) {
			this.arrivals = arrivals;
		}

		@OnEvent(value = "orders.*", id = "second")
		void second(Event event) {
			this.arrivals.arrived();
		}

		@OnEvent(value = "orders.*", id = "third")
		void third(Event event) {
			this.arrivals.arrived();
		}

		@OnEvent(value = "orders.*", id = "fourth")
		void fourth(Event event) {
			this.arrivals.arrived();
		}

	}

}
