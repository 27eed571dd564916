package dev.eventstarter.autoconfigure;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code events.jdbc.*} and the application's Flyway or Liquibase share the work, on
 * H2, where initialization would otherwise run by default.
 */
class MigrationToolsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class,
				FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "spring.flyway.enabled=false",
				"spring.liquibase.enabled=false");

	@Test
	void withLiquibaseTheScriptsKeepOutOfTheWayAndAForgottenIncludeFailsStartupNamingTheChangelog() {
		this.runner
			.withPropertyValues("spring.liquibase.enabled=true",
					"spring.liquibase.change-log=classpath:db/upgradeapp/changelog-without-events.xml")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("The event table _events is missing or older than this version")
					.hasStackTraceContaining("with Liquibase include db/event-starter/changelog.xml (from the class "
							+ "path) from the master changelog");
			});
	}

	@Test
	void withLiquibaseInitializationAlwaysStillRunsTheScripts() {
		this.runner
			.withPropertyValues("spring.liquibase.enabled=true",
					"spring.liquibase.change-log=classpath:db/upgradeapp/changelog-without-events.xml",
					"events.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(columns(context)).contains("ERASED_AT");
			});
	}

	@Test
	void flywayAppliesTheMigrationsInAHistoryOfTheirOwnUnlessTurnedOff() {
		ApplicationContextRunner flyway = this.runner.withPropertyValues("spring.flyway.enabled=true",
				"spring.flyway.locations=classpath:db/upgradeapp/migration");
		flyway.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(columns(context)).contains("ERASED_AT");
		});
		flyway
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"events.jdbc.flyway.enabled=false")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Apply event-starter's migrations up to V3__dispatch_queue.sql");
			});
	}

	@Test
	void aFlywayHistoryTableThatIsBlankOrTheApplicationsFailsStartupNamingTheProperty() {
		ApplicationContextRunner flyway = this.runner.withPropertyValues("spring.flyway.enabled=true",
				"spring.flyway.locations=classpath:db/upgradeapp/migration");
		flyway.withPropertyValues("events.jdbc.flyway.table= ").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("events.jdbc.flyway.table must name the schema history table of event-starter's "
						+ "migrations, such as flyway_event_starter_history");
		});
		flyway.withPropertyValues("events.jdbc.flyway.table=flyway_schema_history").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("events.jdbc.flyway.table must differ from the application's Flyway history table "
						+ "(spring.flyway.table), but both are flyway_schema_history: the versions of the two would "
						+ "collide. Remove events.jdbc.flyway.table.");
		});
	}

	private static List<String> columns(ApplicationContext context) {
		return JdbcClient.create(context.getBean(DataSource.class))
			.sql("select column_name from information_schema.columns where table_name = '_EVENTS'")
			.query(String.class)
			.list();
	}

}
