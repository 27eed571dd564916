package dev.eventstarter.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.sql.DataSource;

import dev.eventstarter.test.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations agree across the places that list them: every database has every
 * version, the Liquibase changelog runs each, and version 1 is still what release 0.1.0
 * shipped.
 */
class EventsSchemaTests {

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "h2", "mariadb", "mysql" })
	void everyDatabaseHasEveryVersionAndTheChangelogRunsEach(String database) throws IOException {
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath:db/event-starter/" + database + "/*.sql");
		assertThat(Arrays.stream(scripts).map(Resource::getFilename).sorted().toList())
			.isEqualTo(EventsSchema.MIGRATIONS);
		String changelog = read("db/event-starter/changelog.xml");
		for (int version = 1; version <= EventsSchema.MIGRATIONS.size(); version++) {
			assertThat(changelog).contains("<changeSet id=\"event-starter-" + version + "-" + database
					+ "\" author=\"event-starter\" dbms=\"" + database + "\">\n\t\t<sqlFile path=\"" + database + "/"
					+ EventsSchema.MIGRATIONS.get(version - 1) + "\"");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "h2", "mariadb" })
	void versionOneIsStillWhatRelease010Shipped(String database) throws IOException {
		// Flyway and Liquibase check sums: a changed released script fails every upgrade
		assertThat(read("upgrade/0.1.0/" + database + ".sql"))
			.contains(read("db/event-starter/" + database + "/" + EventsSchema.MIGRATIONS.get(0)));
	}

	@Test
	void theMySqlScriptsRunTwiceOnMariaDb() {
		// no MySQL server runs here; MariaDB accepts the statements MySQL's scripts use
		// instead
		// of "add column if not exists"
		DataSource dataSource = new DriverManagerDataSource(TestMariaDb.url("events_mysql_scripts"),
				TestMariaDb.username(), TestMariaDb.password());
		ResourceDatabasePopulator scripts = new ResourceDatabasePopulator(EventsSchema.MIGRATIONS.stream()
			.map((script) -> new ClassPathResource("db/event-starter/mysql/" + script))
			.toArray(Resource[]::new));
		scripts.execute(dataSource);
		scripts.execute(dataSource);
		assertThat(JdbcClient.create(dataSource)
			.sql("select table_name from information_schema.columns where table_schema = database() "
					+ "and column_name = 'erased_at' order by table_name")
			.query(String.class)
			.list()).containsExactly("_audit_log", "_events");
	}

	private static String read(String path) throws IOException {
		return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
	}

}
