package dev.eventstarter.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Configuration properties of the creation of the event tables, as Spring Boot's own JDBC
 * starters have them: {@code initialize-schema} is {@code embedded} by default.
 */
@ConfigurationProperties("events.jdbc")
public class EventsJdbcProperties extends DatabaseInitializationProperties {

	static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/eventstarter/store/schema-@@platform@@.sql";

	@Override
	public String getDefaultSchemaLocation() {
		return DEFAULT_SCHEMA_LOCATION;
	}

}
