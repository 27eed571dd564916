package dev.eventstarter.actuate;

import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.autoconfigure.StoreProperties;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.store.WalRelay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The {@code events} health contributor, when Spring Boot's health support is on the
 * classpath; {@code management.health.events.enabled=false} switches it off.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(VisibilityHorizon.class)
@ConditionalOnEnabledHealthIndicator("events")
@Import(EventBacklogConfiguration.class)
public final class EventsHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "eventsHealthIndicator")
	EventsHealthIndicator eventsHealthIndicator(EventBacklog backlog, VisibilityHorizon horizon,
			ObjectProvider<WalRelay> relay, StoreProperties store) {
		return new EventsHealthIndicator(backlog, horizon, relay.getIfAvailable(),
				store.getWal().getMaxRetained().toBytes());
	}

}
