package dev.eventstarter.actuate;

import java.time.Clock;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backlog reader that the endpoint, the health contributor and the gauges share.
 */
@Configuration(proxyBeanMethods = false)
class EventBacklogConfiguration {

	@Bean
	EventBacklog eventBacklog(DataSource dataSource, DatabasePlatform platform) {
		return new EventBacklog(dataSource, platform, Clock.systemUTC());
	}

}
