package dev.eventstarter.test;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The servers that tests of several instances, processes or connections share a database
 * on: a PostgreSQL schema or a MariaDB database, fresh the first time a JVM asks for it.
 * Parameterized tests name it in their display names and in the figures they print.
 */
public enum TestDatabase {

	/**
	 * PostgreSQL, through {@link TestPostgres}: the name is a schema.
	 */
	POSTGRESQL("PostgreSQL", "postgresql") {

		@Override
		public String url(String name) {
			return TestPostgres.url(name);
		}

		@Override
		public String username() {
			return TestPostgres.username();
		}

		@Override
		public String password() {
			return TestPostgres.password();
		}

	},

	/**
	 * PostgreSQL in the WAL store mode ({@code events.store.mode=wal}): the name is a
	 * schema of its own, so that its rows never meet those of the table mode.
	 */
	POSTGRESQL_WAL("PostgreSQL, WAL mode", "postgresql") {

		@Override
		public String url(String name) {
			return TestPostgres.url(schema(name));
		}

		@Override
		public String schema(String name) {
			return name + "_wal";
		}

		@Override
		public String username() {
			return TestPostgres.username();
		}

		@Override
		public String password() {
			return TestPostgres.password();
		}

		@Override
		public List<String> arguments() {
			return List.of("--events.store.mode=wal");
		}

	},

	/**
	 * MariaDB, through {@link TestMariaDb}: the name is a database.
	 */
	MARIADB("MariaDB", "mariadb") {

		@Override
		public String url(String name) {
			return TestMariaDb.url(name);
		}

		@Override
		public String username() {
			return TestMariaDb.username();
		}

		@Override
		public String password() {
			return TestMariaDb.password();
		}

	};

	private final String displayName;

	private final String platform;

	TestDatabase(String displayName, String platform) {
		this.displayName = displayName;
		this.platform = platform;
	}

	/**
	 * A JDBC URL of a fresh schema (PostgreSQL) or database (MariaDB).
	 * @param name the schema or database name
	 * @return the URL
	 */
	public abstract String url(String name);

	public abstract String username();

	/**
	 * The schema (PostgreSQL) or database (MariaDB) that {@link #url(String)} points at.
	 * @param name the name the test gave
	 * @return the name on the server
	 */
	public String schema(String name) {
		return name;
	}

	/**
	 * Command-line arguments an application needs on this server besides the data source.
	 * @return the arguments, {@code --name=value}
	 */
	public List<String> arguments() {
		return List.of();
	}

	public abstract String password();

	/**
	 * Spring properties pointing the data source at a fresh schema or database.
	 * @param name the schema or database name
	 * @return {@code spring.datasource.*} properties
	 */
	public Map<String, String> properties(String name) {
		return Map.of("spring.datasource.url", url(name), "spring.datasource.username", username(),
				"spring.datasource.password", password());
	}

	/**
	 * The event tables' migrations in the jar, in order, for tests that create them
	 * without starting an application.
	 * @return the class path resources
	 */
	public Resource[] schemaScripts() {
		return new Resource[] {
				new ClassPathResource("db/event-starter/" + this.platform + "/V1__event_starter_tables.sql"),
				new ClassPathResource("db/event-starter/" + this.platform + "/V2__erased_at.sql"),
				new ClassPathResource("db/event-starter/" + this.platform + "/V3__dispatch_queue.sql") };
	}

	/**
	 * The folder of Spring Boot's {@code {vendor}} placeholder for this server.
	 * @return {@code postgresql} or {@code mariadb}
	 */
	public String vendor() {
		return this.platform;
	}

	/**
	 * The server's name, as the figures of a test name it.
	 * @return the name
	 */
	@Override
	public String toString() {
		return this.displayName;
	}

}
