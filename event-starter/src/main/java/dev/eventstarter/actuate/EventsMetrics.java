package dev.eventstarter.actuate;

import java.time.Clock;
import java.time.Duration;

import dev.eventstarter.actuate.EventBacklog.Summary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The backlog gauges: {@code events.undispatched}, {@code events.deliveries.dead} and
 * {@code events.dispatch.lag} (seconds the longest-waiting due event has waited). They
 * share one summary query, run when a gauge is read and the last one is older than
 * {@link #MAX_AGE}: scrapes cost at most one query per interval, and none when nothing
 * scrapes. When the tables cannot be read, the gauges keep their last values.
 */
class EventsMetrics implements MeterBinder {

	/**
	 * How old the summary behind the gauges may be.
	 */
	public static final Duration MAX_AGE = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(EventsMetrics.class);

	private final EventBacklog backlog;

	private final Clock clock;

	private volatile @Nullable Summary summary;

	EventsMetrics(EventBacklog backlog, Clock clock) {
		this.backlog = backlog;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("events.undispatched", this, (metrics) -> metrics.summary().undispatched())
			.description("Events not dispatched yet, delayed ones included")
			.register(registry);
		Gauge.builder("events.deliveries.dead", this, (metrics) -> metrics.summary().dead())
			.description("Deliveries that ran out of attempts")
			.register(registry);
		Gauge.builder("events.dispatch.lag", this, (metrics) -> metrics.summary().lag().toMillis() / 1000.0)
			.description("How long the longest-waiting due event has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private Summary summary() {
		Summary summary = this.summary;
		if (summary == null || summary.at().plus(MAX_AGE).isBefore(this.clock.instant())) {
			summary = refresh(summary);
		}
		return summary;
	}

	private synchronized Summary refresh(@Nullable Summary stale) {
		Summary current = this.summary;
		if (current != null && current != stale) {
			return current;
		}
		try {
			current = this.backlog.summary();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the event backlog for its gauges", ex);
			current = (stale != null) ? stale : new Summary(this.clock.instant(), 0, null, null, 0, 0, 0);
		}
		this.summary = current;
		return current;
	}

}
