package dev.eventstarter.actuate;

import dev.eventstarter.EventBus;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.dispatch.DispatchAutoConfiguration;
import dev.eventstarter.store.VisibilityHorizon;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The {@code events} actuator endpoint, when Spring Boot Actuator is on the classpath and
 * the application exposes the endpoint.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, DispatchAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ VisibilityHorizon.class, EventBus.class })
@ConditionalOnAvailableEndpoint(EventsEndpoint.class)
@Import(EventBacklogConfiguration.class)
public final class EventsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsEndpoint eventsEndpoint(EventBacklog backlog, EventBus eventBus, VisibilityHorizon horizon) {
		return new EventsEndpoint(backlog, eventBus, horizon);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventsEndpoint.class)
	EventsEndpointWebExtension eventsEndpointWebExtension(EventsEndpoint endpoint) {
		return new EventsEndpointWebExtension(endpoint);
	}

}
