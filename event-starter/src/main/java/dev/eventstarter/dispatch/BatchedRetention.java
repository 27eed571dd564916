package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.springframework.core.Ordered;

/**
 * Deletes the rows older than a retention in batches of {@value #BATCH_SIZE}, so that no
 * statement holds many locks or runs for long.
 */
final class BatchedRetention implements RetentionTask, Ordered {

	static final int BATCH_SIZE = 1000;

	private final String rows;

	private final Duration retention;

	private final Clock clock;

	private final int order;

	private final Purge purge;

	BatchedRetention(String rows, Duration retention, Clock clock, int order, Purge purge) {
		this.rows = rows;
		this.retention = retention;
		this.clock = clock;
		this.order = order;
		this.purge = purge;
	}

	@Override
	public String rows() {
		return this.rows;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public int run(BooleanSupplier stopping) {
		if (this.retention.isZero()) {
			return 0;
		}
		Instant cutoff = this.clock.instant().minus(this.retention);
		int deleted = 0;
		int batch;
		do {
			batch = this.purge.purge(cutoff, BATCH_SIZE);
			deleted += batch;
		}
		while (batch == BATCH_SIZE && !stopping.getAsBoolean());
		return deleted;
	}

	@Override
	public String toString() {
		return this.rows + " older than " + this.retention;
	}

}
