package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A deletion of old rows, run with the retention of events every ten minutes on the
 * dispatcher's thread, in the order of {@link org.springframework.core.Ordered}.
 */
public interface RetentionTask {

	/**
	 * What it deletes, in words: the run's log line and the
	 * {@value RetentionListener#METRIC} metric name it so.
	 * @return for example {@code dispatched events}
	 */
	String rows();

	/**
	 * Delete what is due, in batches.
	 * @param stopping tells when to stop early: the application is shutting down
	 * @return how many rows it deleted
	 * @throws RuntimeException when the database is out of reach; the next run tries
	 * again
	 */
	int run(BooleanSupplier stopping);

	/**
	 * A task deleting the rows older than a retention, a batch at a time, until a batch
	 * comes back short: safe from any number of instances, since each batch deletes only
	 * rows that are due.
	 * @param rows what it deletes, in words
	 * @param retention how long rows are kept; zero keeps them forever
	 * @param clock the events' clock
	 * @param order where it runs among the tasks
	 * @param purge deletes at most a batch of rows older than a cutoff
	 * @return the task
	 */
	static RetentionTask batched(String rows, Duration retention, Clock clock, int order, Purge purge) {
		return new BatchedRetention(rows, retention, clock, order, purge);
	}

	/**
	 * Deletes one batch of rows that are due.
	 */
	@FunctionalInterface
	interface Purge {

		/**
		 * Delete rows older than a cutoff.
		 * @param cutoff what is older is due
		 * @param limit the most rows to delete
		 * @return how many it deleted
		 */
		int purge(java.time.Instant cutoff, int limit);

	}

}
