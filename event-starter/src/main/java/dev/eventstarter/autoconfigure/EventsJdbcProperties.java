package dev.eventstarter.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Configuration properties of the creation of the event tables, as Spring Boot's own JDBC
 * starters have them: {@code initialize-schema} is {@code embedded} by default. Unless
 * {@code schema} names a script of its own, initialization runs the migrations of
 * {@link EventsSchema} in order.
 */
@ConfigurationProperties("events.jdbc")
public class EventsJdbcProperties extends DatabaseInitializationProperties {

	static final String DEFAULT_SCHEMA_LOCATION = "classpath:db/event-starter/@@platform@@";

	@Override
	public String getDefaultSchemaLocation() {
		return DEFAULT_SCHEMA_LOCATION;
	}

}
