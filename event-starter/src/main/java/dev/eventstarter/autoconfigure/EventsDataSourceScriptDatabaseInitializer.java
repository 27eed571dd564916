package dev.eventstarter.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * Creates the event tables from the scripts in the jar, as
 * {@code events.jdbc.initialize-schema} says. Runs after Flyway and Liquibase. May be
 * registered as a bean to override auto-configuration.
 */
public class EventsDataSourceScriptDatabaseInitializer
		extends PropertiesBasedDataSourceScriptDatabaseInitializer<EventsJdbcProperties> {

	public EventsDataSourceScriptDatabaseInitializer(DataSource dataSource, EventsJdbcProperties properties) {
		super(dataSource, properties);
	}

}
