package dev.eventstarter.autoconfigure;

import dev.eventstarter.actuate.EventBacklog;
import dev.eventstarter.actuate.EventsEndpoint;
import dev.eventstarter.actuate.EventsEndpointWebExtension;
import dev.eventstarter.dispatch.Dispatcher;
import dev.eventstarter.store.VisibilityHorizon;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code events} actuator endpoint, when Spring Boot Actuator is on the classpath and
 * the application exposes the endpoint.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(EventBacklog.class)
@ConditionalOnAvailableEndpoint(EventsEndpoint.class)
public final class EventsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsEndpoint eventsEndpoint(EventBacklog backlog, Dispatcher dispatcher, VisibilityHorizon horizon) {
		return new EventsEndpoint(backlog, dispatcher, horizon);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventsEndpoint.class)
	EventsEndpointWebExtension eventsEndpointWebExtension(EventsEndpoint endpoint) {
		return new EventsEndpointWebExtension(endpoint);
	}

}
