package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;

/**
 * Deletes dispatched events older than {@code events.retention.dispatched} whose
 * deliveries all succeeded, in batches, safely from any number of instances.
 */
final class DispatchedEventsRetention implements RetentionTask, Ordered {

	static final int BATCH_SIZE = 1000;

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final EventRows events;

	private final Duration retention;

	private final Clock clock;

	DispatchedEventsRetention(EventRows events, Duration retention, Clock clock) {
		this.events = events;
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		// the events first, as before the other tables were given retention tasks
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void run(BooleanSupplier stopping) {
		int deleted = purge(stopping);
		if (deleted > 0 && logger.isDebugEnabled()) {
			logger.debug("Deleted " + deleted + " events dispatched more than " + this.retention + " ago");
		}
	}

	/**
	 * Delete what is due.
	 * @return how many events were deleted
	 */
	int purge(BooleanSupplier stopping) {
		if (this.retention.isZero()) {
			return 0;
		}
		Instant cutoff = this.clock.instant().minus(this.retention);
		int deleted = 0;
		int batch;
		do {
			batch = this.events.purgeDispatched(cutoff, BATCH_SIZE);
			deleted += batch;
		}
		while (batch == BATCH_SIZE && !stopping.getAsBoolean());
		return deleted;
	}

}
