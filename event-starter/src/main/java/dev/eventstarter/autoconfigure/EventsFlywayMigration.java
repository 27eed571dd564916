package dev.eventstarter.autoconfigure;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import org.springframework.beans.factory.InitializingBean;

/**
 * Applies event-starter's migrations with Flyway when the application runs Flyway. They
 * keep a schema history table of their own: the application's versions (V1, V2, …) and
 * ours would otherwise collide, and the two sets evolve independently.
 */
final class EventsFlywayMigration implements InitializingBean {

	private static final Log logger = LogFactory.getLog(EventsFlywayMigration.class);

	private final Flyway flyway;

	EventsFlywayMigration(DataSource dataSource, DatabasePlatform platform, String table, ClassLoader classLoader) {
		this.flyway = Flyway.configure(classLoader)
			.dataSource(dataSource)
			.locations(EventsSchema.location(platform))
			.table(table)
			// the schema holds the application's tables, and maybe ours from before
			// Flyway:
			// every version is safe to run again, so all of them are applied over a
			// baseline 0
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.baselineDescription("before event-starter migrations")
			.placeholderReplacement(false)
			.load();
	}

	@Override
	public void afterPropertiesSet() {
		MigrateResult result = this.flyway.migrate();
		if (result.migrationsExecuted > 0) {
			logger.info("Applied " + result.migrationsExecuted
					+ " event-starter migration(s) with Flyway, now at version " + result.targetSchemaVersion
					+ " (history in " + this.flyway.getConfiguration().getTable() + ")");
		}
	}

}
