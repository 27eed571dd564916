package dev.eventstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells when the settled horizon has waited too long for the same transactions: one WARN
 * line when the wait passes the threshold, naming them, and one INFO line when it ends.
 * Between the two, {@link #current()} describes it for the actuator and health, refreshed
 * at most every {@link #REFRESH}, so that readers cost no query each.
 */
final class HeldBackWatch {

	static final Duration REFRESH = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(VisibilityHorizon.class);

	private final Duration threshold;

	private final Clock clock;

	private volatile @Nullable HeldBack current;

	private @Nullable Instant describedAt;

	HeldBackWatch(Duration threshold, Clock clock) {
		this.threshold = threshold;
		this.clock = clock;
	}

	/**
	 * Note that the horizon still waits for transactions it began waiting for at a time.
	 * @param since when it began waiting
	 * @param describe finds what it waits for, called only once the wait is long
	 */
	void waiting(Instant since, Supplier<HeldBack> describe) {
		Instant now = this.clock.instant();
		if (Duration.between(since, now).compareTo(this.threshold) < 0) {
			return;
		}
		boolean first = this.current == null;
		if (first || this.describedAt == null || !now.isBefore(this.describedAt.plus(REFRESH))) {
			HeldBack heldBack = describe.get();
			this.current = heldBack;
			this.describedAt = now;
			if (first) {
				logger.warn(heldBack.describe(now));
			}
		}
	}

	/**
	 * Note that the horizon no longer waits.
	 */
	void settled() {
		HeldBack ended = this.current;
		if (ended != null) {
			this.current = null;
			this.describedAt = null;
			logger.info("The settled horizon moved on after waiting "
					+ Duration.between(ended.since(), this.clock.instant()).toMillis() + " ms; ids from "
					+ ended.firstWaitingId() + " are delivered and streamed again");
		}
	}

	@Nullable HeldBack current() {
		return this.current;
	}

}
