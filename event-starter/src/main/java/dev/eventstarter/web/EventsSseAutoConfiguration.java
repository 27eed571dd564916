package dev.eventstarter.web;

import java.time.Clock;

import javax.sql.DataSource;

import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.context.OriginResolver;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.VisibilityHorizon;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
@ConditionalOnBean(VisibilityHorizon.class)
@EnableConfigurationProperties(SseProperties.class)
public final class EventsSseAutoConfiguration {

	@Bean
	EventStreamHub eventStreamHub(DataSource dataSource, EventJson eventJson, DatabasePlatform platform,
			VisibilityHorizon horizon, SseProperties sse) {
		return new EventStreamHub(JdbcClient.create(dataSource), eventJson, platform, horizon,
				new StreamSettings(sse.getPollInterval(), sse.getHeartbeat(), sse.getMaxStreams(), sse.getBufferSize(),
						sse.getTimeout(), sse.getStallTimeout()),
				Clock.systemUTC());
	}

	@Bean
	EventStreamController eventStreamController(EventStreamHub hub, ObjectProvider<OriginResolver> originResolver,
			EventJson eventJson) {
		return new EventStreamController(hub, originResolver.getIfAvailable(OriginResolver::contextOnly),
				eventJson.mapper());
	}

}
