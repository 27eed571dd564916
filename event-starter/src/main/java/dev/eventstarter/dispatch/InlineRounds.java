package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the hand-off's thread runs a round's deliveries itself or shares them among the
 * workers. Itself while they are cheap: under load its rounds hold a few events each, and
 * waking workers for a few fast handlers cost more CPU than the handlers did. Among the
 * workers once handlers take long, so that one slow delivery does not hold up the rest.
 * Decided from how long recent deliveries took, each timed where it ran, and never for
 * more than a few: handlers that were fast can turn slow (a remote call timing out), and
 * then at most those few wait for one another.
 */
final class InlineRounds {

	private static final long BUDGET_NANOS = Duration.ofMillis(2).toNanos();

	// under load a round of the hand-off holds what committed in about a millisecond
	private static final int MAX_TASKS = 8;

	private final AtomicLong spent = new AtomicLong();

	// a moving average, touched only by the hand-off's thread
	private long nanosPerTask;

	/**
	 * @param tasks the round's deliveries
	 * @return whether to run them on the calling thread
	 */
	boolean inline(int tasks) {
		return tasks <= 1 || (tasks <= MAX_TASKS && tasks * this.nanosPerTask <= BUDGET_NANOS);
	}

	/**
	 * The tasks, each noting how long it took.
	 * @param tasks the round's deliveries
	 * @return the tasks to run
	 */
	List<Runnable> timed(List<Runnable> tasks) {
		List<Runnable> timed = new ArrayList<>(tasks.size());
		for (Runnable task : tasks) {
			timed.add(() -> {
				long started = System.nanoTime();
				try {
					task.run();
				}
				finally {
					this.spent.addAndGet(System.nanoTime() - started);
				}
			});
		}
		return timed;
	}

	/**
	 * Take the round that ran into the average.
	 * @param tasks how many of its tasks were {@link #timed}
	 */
	void ran(int tasks) {
		long spentNanos = this.spent.getAndSet(0);
		if (tasks > 0) {
			this.nanosPerTask += (spentNanos / tasks - this.nanosPerTask) / 8;
		}
	}

}
