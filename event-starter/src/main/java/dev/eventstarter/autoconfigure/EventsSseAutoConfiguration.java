package dev.eventstarter.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import dev.eventstarter.context.OriginResolver;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRecorder;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.web.EventStreamController;
import dev.eventstarter.web.EventStreamHub;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event stream over Server-Sent Events, when {@code events.sse.enabled=true} in
 * a Spring MVC application.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SseEmitter.class)
@ConditionalOnBooleanProperty("events.sse.enabled")
@ConditionalOnBean(EventRecorder.class)
public final class EventsSseAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventStreamHub eventStreamHub(DataSource dataSource, EventJson eventJson, VisibilityHorizon horizon,
			EventsProperties properties) {
		EventsProperties.Sse sse = properties.getSse();
		return new EventStreamHub(JdbcClient.create(dataSource), eventJson, horizon,
				new EventStreamHub.StreamSettings(sse.getPollInterval(), sse.getHeartbeat(), sse.getMaxStreams(),
						sse.getBufferSize(), sse.getTimeout(), sse.getStallTimeout()),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	EventStreamController eventStreamController(EventStreamHub hub, OriginResolver originResolver,
			EventJson eventJson) {
		return new EventStreamController(hub, originResolver, eventJson.mapper());
	}

}
