package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs the deletions of old rows, every {@link #INTERVAL}, on the dispatcher's thread:
 * the {@link RetentionTask} beans, collected when the first run is due.
 */
final class Retention {

	static final Duration INTERVAL = Duration.ofMinutes(10);

	private final Supplier<List<RetentionTask>> tasks;

	private final BooleanSupplier stopping;

	private final Clock clock;

	private Instant nextRun = Instant.EPOCH;

	Retention(Supplier<List<RetentionTask>> tasks, BooleanSupplier stopping, Clock clock) {
		this.tasks = tasks;
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
		for (RetentionTask task : this.tasks.get()) {
			task.run(this.stopping);
		}
	}

}
