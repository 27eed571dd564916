package dev.eventstarter.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.eventstarter.store.WalSlot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * The WAL store mode's slot as gauges: the WAL it keeps on disk and the WAL it has not
 * confirmed yet, read at most once a second whatever the number of scrapes.
 */
class WalSlotMetrics implements MeterBinder {

	private static final Duration MAX_AGE = Duration.ofSeconds(1);

	private final WalSlot slot;

	private final Clock clock;

	private volatile @Nullable Reading reading;

	WalSlotMetrics(WalSlot slot, Clock clock) {
		this.slot = slot;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("events.store.wal.retained", this, (metrics) -> metrics.lag().retained())
			.description("WAL the server keeps for the event relay's replication slot")
			.tag("slot", this.slot.name())
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("events.store.wal.unconfirmed", this, (metrics) -> metrics.lag().unconfirmed())
			.description("WAL written since the position the event relay last confirmed")
			.tag("slot", this.slot.name())
			.baseUnit("bytes")
			.register(registry);
	}

	private WalSlot.Lag lag() {
		Instant now = this.clock.instant();
		Reading current = this.reading;
		if (current == null || current.at().plus(MAX_AGE).isBefore(now)) {
			WalSlot.Lag lag = this.slot.lag();
			// a missing slot reads as NaN: the health indicator says why
			current = new Reading((lag != null) ? lag : new WalSlot.Lag(-1, -1), now);
			this.reading = current;
		}
		return current.lag();
	}

	private record Reading(WalSlot.Lag lag, Instant at) {

	}

}
