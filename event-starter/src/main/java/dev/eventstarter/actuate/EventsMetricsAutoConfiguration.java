package dev.eventstarter.actuate;

import java.time.Clock;
import java.util.Optional;

import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.dispatch.RetentionListener;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.store.WalSlot;
import dev.eventstarter.tracing.EmittedEventsCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.function.SingletonSupplier;

/**
 * The metrics, when Micrometer is on the classpath: the {@code events.emitted} counter,
 * the backlog gauges, the count of rows retention deleted and, in the WAL store mode, the
 * replication slot's gauges.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(VisibilityHorizon.class)
@Import(EventBacklogConfiguration.class)
public final class EventsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(WalSlot.class)
	WalSlotMetrics eventsWalSlotMetrics(WalSlot slot) {
		return new WalSlotMetrics(slot, Clock.systemUTC());
	}

	@Bean
	EventsMetrics eventsMetrics(EventBacklog backlog) {
		return new EventsMetrics(backlog, Clock.systemUTC());
	}

	@Bean(autowireCandidate = false)
	EmittedEventsCounter emittedEventsCounter(ObjectProvider<MeterRegistry> meterRegistry) {
		SingletonSupplier<Optional<MeterRegistry>> lookup = SingletonSupplier
			.of(() -> Optional.ofNullable(meterRegistry.getIfUnique()));
		return new EmittedEventsCounter(() -> lookup.obtain().orElse(null));
	}

	@Bean(autowireCandidate = false)
	RetentionListener eventRetentionCounter(ObjectProvider<MeterRegistry> meterRegistry) {
		return (rows, count) -> {
			MeterRegistry registry = meterRegistry.getIfUnique();
			if (registry != null) {
				registry.counter(RetentionListener.METRIC, "rows", rows).increment(count);
			}
		};
	}

}
