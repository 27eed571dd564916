package dev.eventstarter.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.util.StringUtils;

/**
 * Creates or upgrades the event tables as {@code events.jdbc.initialize-schema} says, by
 * running every migration of {@link EventsSchema} in order (or the one script
 * {@code events.jdbc.schema} names). Backs off when Flyway or Liquibase is present unless
 * the mode is {@code always}. May be registered as a bean to override auto-configuration.
 */
public class EventsDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

	public EventsDataSourceScriptDatabaseInitializer(DataSource dataSource, EventsJdbcProperties properties) {
		super(dataSource, settings(dataSource, properties));
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, EventsJdbcProperties properties) {
		String platform = StringUtils.hasText(properties.getPlatform()) ? properties.getPlatform()
				: DatabasePlatform.of(dataSource).scriptPlatform();
		String schema = properties.getSchema();
		List<String> locations = (schema == null || EventsJdbcProperties.isDefault(schema))
				? EventsSchema.scripts(platform) : List.of(schema.replace("@@platform@@", platform));
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(locations);
		settings.setContinueOnError(properties.isContinueOnError());
		settings.setMode(properties.getInitializeSchema());
		return settings;
	}

}
