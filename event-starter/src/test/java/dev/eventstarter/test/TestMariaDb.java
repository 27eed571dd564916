package dev.eventstarter.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * The MariaDB server tests run against: a Testcontainers container when a Docker engine
 * answers, otherwise the server at {@code EVENTS_TEST_MARIADB_URL} (default
 * {@code jdbc:mariadb://127.0.0.1:3306/test}, user {@code root}, empty password;
 * {@code ../shared/scripts/mariadb-ensure} starts it). When neither is reachable, tests
 * fail saying what to start; they never skip.
 *
 * <p>
 * Each test database is dropped and created again the first time a JVM asks for it, so a
 * run never meets tables left by an earlier run or an older version of the scripts.
 */
public final class TestMariaDb {

	/**
	 * The database shared by most MariaDB tests.
	 */
	public static final String DATABASE = "events_test";

	private static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test";

	private static final Set<String> preparedDatabases = ConcurrentHashMap.newKeySet();

	private static volatile Server server;

	private TestMariaDb() {
	}

	/**
	 * A JDBC URL of a fresh database.
	 * @param database the database name
	 * @return the URL
	 */
	public static String url(String database) {
		Server server = server();
		if (preparedDatabases.add(database)) {
			execute(server, "drop database if exists " + database,
					"create database " + database + " character set utf8mb4 collate utf8mb4_bin");
		}
		return server.url(database);
	}

	public static String username() {
		return server().username();
	}

	public static String password() {
		return server().password();
	}

	/**
	 * Spring properties pointing the data source at a fresh database.
	 * @param database the database name
	 * @return {@code spring.datasource.*} properties
	 */
	public static Map<String, String> properties(String database) {
		return Map.of("spring.datasource.url", url(database), "spring.datasource.username", username(),
				"spring.datasource.password", password());
	}

	/**
	 * Spring properties as {@code key=value} pairs, for {@code withPropertyValues}.
	 * @param database the database name
	 * @return the pairs
	 */
	public static String[] propertyValues(String database) {
		return properties(database).entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static Server server() {
		Server current = server;
		if (current == null) {
			synchronized (TestMariaDb.class) {
				current = server;
				if (current == null) {
					current = start();
					server = current;
				}
			}
		}
		return current;
	}

	private static Server start() {
		if (dockerAvailable()) {
			MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("root").withPassword("");
			container.start();
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		String url = System.getenv().getOrDefault("EVENTS_TEST_MARIADB_URL", DEFAULT_URL);
		String username = System.getenv().getOrDefault("EVENTS_TEST_MARIADB_USERNAME", "root");
		String password = System.getenv().getOrDefault("EVENTS_TEST_MARIADB_PASSWORD", "");
		Server local = new Server(url, username, password);
		try (Connection connection = local.connect()) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The MariaDB tests need a database, but no Docker engine answered and "
					+ url + " (user " + username + ") refused the connection: " + ex.getMessage()
					+ ". Start MariaDB (for example with ../shared/scripts/mariadb-ensure), point "
					+ "EVENTS_TEST_MARIADB_URL at a server, or start Docker.", ex);
		}
		return local;
	}

	private static boolean dockerAvailable() {
		// asking Testcontainers where no engine can be is slow and logs errors
		if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
				&& !Files.exists(Path.of(System.getProperty("user.home"), ".docker"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void execute(Server server, String... statements) {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the test database on " + server.url, ex);
		}
	}

	private record Server(String url, String username, String password) {

		Connection connect() throws SQLException {
			DriverManager.setLoginTimeout(5);
			return DriverManager.getConnection(this.url, this.username, this.password);
		}

		/**
		 * The server's URL with another database in its path.
		 */
		String url(String database) {
			int slash = this.url.indexOf('/', "jdbc:mariadb://".length());
			int query = this.url.indexOf('?', slash);
			String rest = (query >= 0) ? this.url.substring(query) : "";
			return this.url.substring(0, slash + 1) + database + rest;
		}

	}

}
