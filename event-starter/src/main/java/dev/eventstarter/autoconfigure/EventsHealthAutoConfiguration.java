package dev.eventstarter.autoconfigure;

import dev.eventstarter.actuate.EventBacklog;
import dev.eventstarter.actuate.EventsHealthIndicator;
import dev.eventstarter.store.VisibilityHorizon;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code events} health contributor, when Spring Boot's health support is on the
 * classpath; {@code management.health.events.enabled=false} switches it off.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(EventBacklog.class)
@ConditionalOnEnabledHealthIndicator("events")
public final class EventsHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "eventsHealthIndicator")
	EventsHealthIndicator eventsHealthIndicator(EventBacklog backlog, VisibilityHorizon horizon) {
		return new EventsHealthIndicator(backlog, horizon);
	}

}
