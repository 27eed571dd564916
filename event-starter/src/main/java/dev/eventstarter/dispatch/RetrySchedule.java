package dev.eventstarter.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * When delivery rows may next be due. The background loop looks for them once per poll
 * interval, or sooner when this instance wrote one that is due sooner, rather than with a
 * query in every round.
 */
final class RetrySchedule {

	private final Duration pollInterval;

	private final AtomicReference<Instant> nextCheck = new AtomicReference<>(Instant.EPOCH);

	RetrySchedule(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	/**
	 * Look again no later than a time.
	 * @param due when a row comes due, {@code null} for never
	 */
	void checkBy(@Nullable Instant due) {
		if (due != null) {
			this.nextCheck.accumulateAndGet(due, (current, sooner) -> sooner.isBefore(current) ? sooner : current);
		}
	}

	/**
	 * Look again at once.
	 */
	void checkNow() {
		checkBy(Instant.EPOCH);
	}

	boolean isDue(Instant now) {
		Instant next = this.nextCheck.get();
		// a check more than a poll interval ahead means the events' clock was set back
		// (a test's SettableClock reset): look now rather than wait for it to catch up
		return !now.isBefore(next) || next.isAfter(now.plus(this.pollInterval));
	}

	/**
	 * Note that a look for due rows starts now: the next is a poll interval away unless
	 * something comes due sooner.
	 */
	void checking(Instant now) {
		this.nextCheck.set(now.plus(this.pollInterval));
	}

}
