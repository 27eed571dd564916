package dev.eventstarter.actuate;

import dev.eventstarter.EventErasure;
import dev.eventstarter.erasure.ErasureAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code eventerasure} actuator endpoint, when Spring Boot Actuator is on the
 * classpath and the application exposes the endpoint: it is never exposed over HTTP
 * unless named in {@code management.endpoints.web.exposure.include}.
 */
@AutoConfiguration(after = ErasureAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(EventErasure.class)
@ConditionalOnAvailableEndpoint(EventErasureEndpoint.class)
public final class EventErasureEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventErasureEndpoint eventErasureEndpoint(EventErasure erasure) {
		return new EventErasureEndpoint(erasure);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventErasureEndpoint.class)
	EventErasureEndpointWebExtension eventErasureEndpointWebExtension(EventErasureEndpoint endpoint) {
		return new EventErasureEndpointWebExtension(endpoint);
	}

}
