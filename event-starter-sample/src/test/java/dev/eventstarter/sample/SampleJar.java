package dev.eventstarter.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.test.util.TestSocketUtils;

/**
 * The sample started as a user starts it, {@code java -jar} on the jar the build
 * repackaged, in a process of its own on a free port, its output in
 * {@code target/<name>.log}. Integration tests ({@code *IT}, run by failsafe after the
 * package phase) use it.
 */
public final class SampleJar implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final int port;

	private final Path log;

	private SampleJar(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start the jar and wait until it answers.
	 * @param name names the log file
	 * @param arguments application arguments, such as
	 * {@code --spring.profiles.active=postgres}
	 * @return the running sample
	 * @throws Exception if it does not start
	 */
	public static SampleJar start(String name, String... arguments) throws Exception {
		Path jar = Paths.get(System.getProperty("sample.jar", "target/event-starter-sample-0.1.0-SNAPSHOT.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No sample jar at " + jar.toAbsolutePath()
					+ ": run the integration tests through Maven (./mvnw -pl event-starter-sample verify), "
					+ "which packages it first");
		}
		int port = TestSocketUtils.findAvailableTcpPort();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--server.port=" + port));
		command.addAll(List.of(arguments));
		Path log = Paths.get("target", name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		SampleJar sample = new SampleJar(process, port, log);
		try {
			sample.awaitStarted();
		}
		catch (Exception ex) {
			sample.close();
			throw ex;
		}
		return sample;
	}

	/**
	 * Start the jar on the local PostgreSQL (its {@code postgres} profile), in a schema
	 * of its own that is dropped and created first, and wait until it answers.
	 * @param name names the log file and the schema
	 * @param arguments further application arguments
	 * @return the running sample
	 * @throws Exception if it does not start
	 */
	public static SampleJar startOnPostgres(String name, String... arguments) throws Exception {
		String server = System.getenv().getOrDefault("EVENTS_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
		String username = System.getenv().getOrDefault("EVENTS_TEST_JDBC_USERNAME", "postgres");
		String password = System.getenv().getOrDefault("EVENTS_TEST_JDBC_PASSWORD", "");
		String schema = name.replace('-', '_');
		try (Connection connection = DriverManager.getConnection(server, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + schema + " cascade");
			statement.execute("create schema " + schema);
		}
		List<String> all = new ArrayList<>(List.of("--spring.profiles.active=postgres",
				"--spring.datasource.url=" + server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema,
				"--spring.datasource.username=" + username, "--spring.datasource.password=" + password,
				"--spring.datasource.hikari.connection-init-sql=select 1"));
		all.addAll(List.of(arguments));
		return start(name, all.toArray(String[]::new));
	}

	/**
	 * The base URL of the running sample.
	 * @return {@code http://localhost:<port>}
	 */
	public String url() {
		return "http://localhost:" + this.port;
	}

	/**
	 * What the sample has written so far.
	 * @return its output
	 * @throws IOException if the log cannot be read
	 */
	public String output() throws IOException {
		return Files.readString(this.log);
	}

	private void awaitStarted() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The sample jar exited with " + this.process.exitValue() + ":\n" + output());
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The sample jar did not answer within " + STARTUP_TIMEOUT + ":\n" + output());
	}

	@Override
	public void close() throws InterruptedException {
		// SIGTERM: a graceful shutdown, as a user's Ctrl-C
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
