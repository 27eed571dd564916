package dev.eventstarter.dispatch;

import java.util.function.BooleanSupplier;

/**
 * A deletion of old rows, run with the retention of events every ten minutes on the
 * dispatcher's thread.
 */
@FunctionalInterface
public interface RetentionTask {

	/**
	 * Delete what is due, in batches.
	 * @param stopping tells when to stop early: the application is shutting down
	 * @throws RuntimeException when the database is out of reach; the next run tries
	 * again
	 */
	void run(BooleanSupplier stopping);

}
