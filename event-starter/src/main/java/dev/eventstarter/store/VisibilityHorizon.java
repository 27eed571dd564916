package dev.eventstarter.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Tells up to which {@code _events.id} every row is settled: committed, or rolled back
 * and never to appear. Identity values are handed out at insert, not at commit, so a
 * transaction holding id 41 may commit after one holding id 42; a reader that went past
 * 42 before 41 committed would skip 41 for good. The SSE stream reads only up to the
 * settled horizon, and so do deliveries to ordered subscribers. The horizon waits only
 * for transactions that may hold {@code _events} ids, never for unrelated work in the
 * same database.
 *
 * <p>
 * Implementations are safe to call from several threads.
 */
public interface VisibilityHorizon {

	/**
	 * Make progress and tell the horizon.
	 * @return the highest id up to which every row is settled, {@code -1} before the
	 * first is established
	 */
	long settled();

	/**
	 * Whether a newer horizon is being established, so that calling {@link #settled()}
	 * again soon may move it.
	 * @return whether ids beyond the horizon were seen
	 */
	boolean isSettling();

	/**
	 * The last id handed out, settled or not.
	 * @return the id, {@code 0} when none was
	 */
	long lastAllocated();

	/**
	 * What holds the horizon back, once it has waited for the same transactions longer
	 * than {@code events.dispatch.held-back-warning}.
	 * @return what it waits for, or {@code null} when it has not waited that long
	 */
	@Nullable HeldBack heldBack();

	/**
	 * Wait until every id handed out before the call is settled.
	 * @param timeout the longest wait
	 * @return whether they were settled in time
	 */
	default boolean awaitSettled(Duration timeout) {
		long target = lastAllocated();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (settled() < target) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

}
