package dev.eventstarter.autoconfigure;

import java.time.Clock;

import dev.eventstarter.actuate.EventBacklog;
import dev.eventstarter.actuate.EventsMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The backlog gauges, when Micrometer is on the classpath.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(EventBacklog.class)
public final class EventsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsMetrics eventsMetrics(EventBacklog backlog) {
		return new EventsMetrics(backlog, Clock.systemUTC());
	}

}
