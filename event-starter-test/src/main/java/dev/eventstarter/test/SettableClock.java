package dev.eventstarter.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.util.Assert;

/**
 * The clock of event times, delays, retries and leases in tests: it runs with the system
 * clock, moved ahead by what the test {@link #advance(Duration) advanced}. Advancing past
 * a retry's back-off or an event's delay makes it due, and the next
 * {@link dev.eventstarter.EventBus#drain()} delivers it, without sleeping. Back to the
 * system time before each test method.
 *
 * <p>
 * Leases follow this clock too: with background dispatch on, advancing past
 * {@code events.dispatch.lease} lets a round still running be claimed again, and so
 * delivered twice. Advance it with dispatch manual, as it is in tests by default.
 */
public final class SettableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	/**
	 * A clock at the system time; in Spring tests, inject the one the starter uses.
	 */
	public SettableClock() {
	}

	/**
	 * Move the clock ahead.
	 * @param duration how far, not negative
	 */
	public void advance(Duration duration) {
		Assert.notNull(duration, "duration must not be null");
		Assert.isTrue(!duration.isNegative(), () -> "The clock only moves ahead: advance by a positive duration, not "
				+ duration + "; reset() goes back to the system time");
		synchronized (this) {
			this.offset = this.offset.plus(duration);
		}
	}

	/**
	 * Go back to the system time.
	 */
	public synchronized void reset() {
		this.offset = Duration.ZERO;
	}

	/**
	 * How far the clock is ahead of the system clock.
	 * @return the sum of what was advanced since the last reset
	 */
	public Duration offset() {
		return this.offset;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		// a snapshot: advancing this clock later does not move the zoned one
		return Clock.offset(Clock.system(zone), this.offset);
	}

	@Override
	public String toString() {
		return "SettableClock[system time + " + this.offset + "]";
	}

}
