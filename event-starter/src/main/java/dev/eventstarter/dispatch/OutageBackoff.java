package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Backs the dispatcher off after a failure, most likely an unreachable database: one
 * warning when it starts, not a stack trace per poll, and one line when it ends.
 */
final class OutageBackoff {

	static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final Duration pollInterval;

	private final Clock clock;

	private int consecutiveFailures;

	private @Nullable Instant since;

	OutageBackoff(Duration pollInterval, Clock clock) {
		this.pollInterval = pollInterval;
		this.clock = clock;
	}

	/**
	 * Note a failure and wait: the poll interval, doubling with each failure up to
	 * {@link #MAX_BACKOFF}.
	 */
	void failed(RuntimeException ex) {
		this.consecutiveFailures++;
		if (this.consecutiveFailures == 1) {
			this.since = this.clock.instant();
			logger.warn("Event dispatch paused: " + rootMessage(ex) + ". Retrying with backoff up to "
					+ MAX_BACKOFF.toSeconds() + "s; nothing is lost meanwhile.");
			if (logger.isDebugEnabled()) {
				logger.debug("Event dispatch failure", ex);
			}
		}
		long base = this.pollInterval.toMillis();
		long delay = Math.min(base << Math.min(this.consecutiveFailures - 1, 16), MAX_BACKOFF.toMillis());
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(delay, 10)));
	}

	/**
	 * Note that a round went through.
	 */
	void succeeded() {
		if (this.consecutiveFailures > 0) {
			logger.info("Event dispatch resumed after " + Duration.between(this.since, this.clock.instant()).toMillis()
					+ " ms (" + this.consecutiveFailures + " failed attempts)");
			this.consecutiveFailures = 0;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
