package dev.eventstarter.autoconfigure;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

/**
 * Creates and upgrades the event tables: with Flyway when the application runs it, else
 * from the migration scripts as {@code events.jdbc.initialize-schema} says. With Flyway
 * or Liquibase in the application the scripts run only when that property is
 * {@code always}: the tables then belong to the migration tool (a Liquibase changelog
 * includes {@link EventsSchema#LIQUIBASE_CHANGELOG}).
 */
@AutoConfiguration(after = EventsAutoConfiguration.class,
		afterName = { "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnBean(DatabasePlatform.class)
public final class EventsSchemaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional({ OnEventsDataSourceInitializationCondition.class, ScriptsNotLeftToAMigrationTool.class })
	EventsDataSourceScriptDatabaseInitializer eventsDataSourceScriptDatabaseInitializer(DataSource dataSource,
			EventsJdbcProperties properties) {
		return new EventsDataSourceScriptDatabaseInitializer(dataSource, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flyway.class)
	@ConditionalOnBean(Flyway.class)
	@ConditionalOnBooleanProperty(name = "events.jdbc.flyway.enabled", matchIfMissing = true)
	static class FlywayMigrationConfiguration {

		@Bean(autowireCandidate = false)
		EventsFlywayMigration eventsFlywayMigration(DataSource dataSource, DatabasePlatform platform,
				EventsJdbcProperties properties, ObjectProvider<Flyway> applications) {
			String table = properties.getFlyway().getTable();
			Assert.hasText(table, "events.jdbc.flyway.table must name the schema history table of event-starter's "
					+ "migrations, such as flyway_event_starter_history");
			applications.orderedStream().forEach((application) -> {
				String theirs = application.getConfiguration().getTable();
				Assert.isTrue(!table.equalsIgnoreCase(theirs),
						() -> "events.jdbc.flyway.table must differ from the "
								+ "application's Flyway history table (spring.flyway.table), but both are " + theirs
								+ ": the versions of the two would collide. Remove events.jdbc.flyway.table.");
			});
			// the scripts are in this jar, whichever loader the application has
			return new EventsFlywayMigration(dataSource, platform, table, EventsFlywayMigration.class.getClassLoader());
		}

	}

	static class OnEventsDataSourceInitializationCondition extends OnDatabaseInitializationCondition {

		OnEventsDataSourceInitializationCondition() {
			super("Events", "events.jdbc.initialize-schema");
		}

	}

	static class ScriptsNotLeftToAMigrationTool extends AnyNestedCondition {

		ScriptsNotLeftToAMigrationTool() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "events.jdbc.initialize-schema", havingValue = "always")
		static class Always {

		}

		@ConditionalOnMissingBean(type = { "org.flywaydb.core.Flyway", "liquibase.integration.spring.SpringLiquibase" })
		static class NoMigrationTool {

		}

	}

}
