package dev.eventstarter.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests run against: a Testcontainers container when a Docker
 * engine answers, otherwise the server at {@code EVENTS_TEST_JDBC_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}, no password).
 * When neither is reachable, tests fail saying what to start; they never skip.
 *
 * <p>
 * Each test schema is dropped and created again the first time a JVM asks for it, so a
 * run never meets tables left by an earlier run or an older version of the scripts.
 */
public final class TestPostgres {

	/**
	 * The schema shared by most PostgreSQL tests.
	 */
	public static final String SCHEMA = "events_test";

	private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final Set<String> preparedSchemas = ConcurrentHashMap.newKeySet();

	// the default slot name of the WAL store mode, for a schema of the test database
	private static final String DROP_SLOT = """
			select pg_drop_replication_slot(slot_name) from pg_replication_slots
			where slot_name = 'event_starter_' || current_database() || '_%s' and not active""";

	private static volatile Server server;

	private TestPostgres() {
	}

	/**
	 * Whether the tests use a Testcontainers container.
	 * @return {@code true} when a Docker engine answered
	 */
	public static boolean usesContainer() {
		return server().container() != null;
	}

	/**
	 * The container, when one is used.
	 * @return the started container
	 */
	public static PostgreSQLContainer container() {
		return server().container();
	}

	/**
	 * A JDBC URL whose current schema is a fresh {@code schema}.
	 * @param schema the schema name
	 * @return the URL
	 */
	public static String url(String schema) {
		Server server = server();
		if (preparedSchemas.add(schema)) {
			// the WAL store mode's slot of an earlier run would relay that run's
			// messages;
			// and the server has few slots (max_replication_slots, 10 by default): those
			// of schemas prepared before are dropped once no relay streams them
			List<String> statements = new ArrayList<>(List.of("drop schema if exists " + schema + " cascade",
					"create schema " + schema, DROP_SLOT.formatted(schema)));
			preparedSchemas.stream()
				.filter((earlier) -> !earlier.equals(schema))
				.forEach((earlier) -> statements.add(DROP_SLOT.formatted(earlier)));
			execute(server, statements.toArray(String[]::new));
		}
		return server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	public static String username() {
		return server().username();
	}

	public static String password() {
		return server().password();
	}

	/**
	 * Spring properties pointing the data source at a fresh schema.
	 * @param schema the schema name
	 * @return {@code spring.datasource.*} properties
	 */
	public static Map<String, String> properties(String schema) {
		return Map.of("spring.datasource.url", url(schema), "spring.datasource.username", username(),
				"spring.datasource.password", password());
	}

	/**
	 * Spring properties as {@code key=value} pairs, for {@code withPropertyValues}.
	 * @param schema the schema name
	 * @return the pairs
	 */
	public static String[] propertyValues(String schema) {
		return properties(schema).entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static Server server() {
		Server current = server;
		if (current == null) {
			synchronized (TestPostgres.class) {
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
			// logical decoding for the WAL store mode's tests
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine").withCommand("postgres", "-c",
					"wal_level=logical");
			container.start();
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), container);
		}
		String url = System.getenv().getOrDefault("EVENTS_TEST_JDBC_URL", DEFAULT_URL);
		String username = System.getenv().getOrDefault("EVENTS_TEST_JDBC_USERNAME", "postgres");
		String password = System.getenv().getOrDefault("EVENTS_TEST_JDBC_PASSWORD", "");
		Server local = new Server(url, username, password, null);
		// a slot keeps WAL until dropped: leave none behind on a server that outlives the
		// run
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> preparedSchemas.forEach((schema) -> dropSlotQuietly(local, schema)),
					"drop-test-replication-slots"));
		try (Connection connection = local.connect()) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The PostgreSQL tests need a database, but no Docker engine answered and "
					+ url + " (user " + username + ") refused the connection: " + ex.getMessage()
					+ ". Start PostgreSQL with wal_level=logical (for example with ../shared/scripts/pg-ensure --logical), point EVENTS_TEST_JDBC_URL "
					+ "at a server, or start Docker.", ex);
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

	/**
	 * Crash the server and start it again: an immediate restart, which skips the shutdown
	 * checkpoint and recovers from the WAL, as after a power loss. The local Debian
	 * cluster is restarted with {@code pg_ctlcluster}, the container with Docker. Returns
	 * once the server accepts connections again.
	 */
	public static void crashAndRestart() {
		Server current = server();
		try {
			if (current.container() != null) {
				String id = current.container().getContainerId();
				current.container().getDockerClient().killContainerCmd(id).exec();
				current.container().getDockerClient().startContainerCmd(id).exec();
			}
			else {
				String version = Files.list(Path.of("/etc/postgresql"))
					.map((path) -> path.getFileName().toString())
					.max(Comparator.comparingDouble(Double::parseDouble))
					.orElseThrow(() -> new IllegalStateException("no cluster under /etc/postgresql"));
				Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main",
						"restart", "-m", "immediate")
					.redirectErrorStream(true)
					.start();
				String output = new String(restart.getInputStream().readAllBytes());
				if (restart.waitFor() != 0) {
					throw new IllegalStateException("pg_ctlcluster restart failed: " + output);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not crash and restart the PostgreSQL server of the tests (the local "
					+ "Debian cluster needs pg_ctlcluster and the rights to run it): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try (Connection connection = current.connect()) {
				if (connection.isValid(2)) {
					return;
				}
			}
			catch (SQLException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("PostgreSQL did not come back within 60 s", ex);
				}
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static void dropSlotQuietly(Server server, String schema) {
		try {
			execute(server, DROP_SLOT.formatted(schema));
		}
		catch (RuntimeException ex) {
			// the relay of a context still closing holds it: the next run drops it
		}
	}

	private static void execute(Server server, String... statements) {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the test schema on " + server.url(), ex);
		}
	}

	private record Server(String url, String username, String password, PostgreSQLContainer container) {

		Connection connect() throws SQLException {
			DriverManager.setLoginTimeout(5);
			return DriverManager.getConnection(this.url, this.username, this.password);
		}

	}

}
