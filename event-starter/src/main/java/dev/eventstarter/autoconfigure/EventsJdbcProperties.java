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

	private final Flyway flyway = new Flyway();

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
