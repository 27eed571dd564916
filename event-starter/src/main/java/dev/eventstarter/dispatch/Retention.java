package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs the deletions of old rows, every {@link #INTERVAL}, on the dispatcher's thread:
 * the {@link RetentionTask} beans, collected when the first run is due. A run that
 * deleted anything says so in one log line, and tells the {@link RetentionListener}s.
 */
final class Retention {

	static final Duration INTERVAL = Duration.ofMinutes(10);

	// on the logger operators know for the dispatcher
	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final Supplier<List<RetentionTask>> tasks;

	private final Supplier<List<RetentionListener>> listeners;

	private final BooleanSupplier stopping;

	private final Clock clock;

	private Instant nextRun = Instant.EPOCH;

	Retention(Supplier<List<RetentionTask>> tasks, Supplier<List<RetentionListener>> listeners,
			BooleanSupplier stopping, Clock clock) {
		this.tasks = tasks;
		this.listeners = listeners;
		this.stopping = stopping;
		this.clock = clock;
	}

	void runWhenDue() {
		Instant now = this.clock.instant();
		// a next run more than an interval ahead means the events' clock was set back
		if (now.isBefore(this.nextRun) && !this.nextRun.isAfter(now.plus(INTERVAL))) {
			return;
		}
		this.nextRun = now.plus(INTERVAL);
		run();
	}

	/**
	 * Run every task now.
	 */
	void run() {
		List<String> deleted = new ArrayList<>();
		try {
			for (RetentionTask task : this.tasks.get()) {
				int count = task.run(this.stopping);
				if (count > 0) {
					deleted.add(count + " " + task.rows());
					this.listeners.get().forEach((listener) -> listener.deleted(task.rows(), count));
				}
			}
		}
		finally {
			if (!deleted.isEmpty()) {
				logger.info("Retention deleted " + String.join(", ", deleted));
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Retention found nothing to delete");
			}
		}
	}

}
