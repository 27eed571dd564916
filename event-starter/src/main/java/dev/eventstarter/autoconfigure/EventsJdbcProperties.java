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

	/**
	 * Where release 0.1.0 kept its one script per database: configurations that still
	 * name it get the migrations.
	 */
	private static final String RELEASE_010_SCHEMA_LOCATION = "classpath:dev/eventstarter/store/schema-@@platform@@.sql";

	private final Flyway flyway = new Flyway();

	static boolean isDefault(String schema) {
		return schema.equals(DEFAULT_SCHEMA_LOCATION) || schema.equals(RELEASE_010_SCHEMA_LOCATION);
	}

	@Override
	public String getDefaultSchemaLocation() {
		return DEFAULT_SCHEMA_LOCATION;
	}

	public Flyway getFlyway() {
		return this.flyway;
	}

	/**
	 * How the event tables are migrated when the application runs Flyway.
	 */
	public static class Flyway {

		/**
		 * Whether to apply event-starter's migrations with Flyway, in a schema history
		 * table of their own, whenever the application runs Flyway.
		 */
		private boolean enabled = true;

		/**
		 * The schema history table of event-starter's migrations, kept apart from the
		 * application's so that their versions never collide.
		 */
		private String table = "flyway_event_starter_history";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

	}

}
