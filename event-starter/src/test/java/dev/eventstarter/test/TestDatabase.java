package dev.eventstarter.test;

import java.util.Map;

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
	 * The event tables' script in the jar, for tests that create them without starting an
	 * application.
	 * @return the class path location of the script
	 */
	public String schemaScript() {
		return "dev/eventstarter/store/schema-" + this.platform + ".sql";
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
