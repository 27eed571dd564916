package dev.eventstarter.benchmarks;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database a benchmark runs against, told once from the JDBC URL: how it is reset
 * before each JVM, the floor's insert, and where its CPU, commits, rows and log bytes are
 * read. Everything else runs alike on each.
 */
interface BenchDatabase {

	/**
	 * The database of a JDBC URL.
	 * @param url the URL
	 * @return the database
	 * @throws IllegalArgumentException when the benchmarks do not run on it
	 */
	static BenchDatabase of(String url) {
		if (url.startsWith("jdbc:postgresql:")) {
			return new PostgreSqlBenchDatabase();
		}
		if (url.startsWith("jdbc:mariadb:")) {
			return new MariaDbBenchDatabase();
		}
		throw new IllegalArgumentException(
				"The benchmarks run on jdbc:postgresql: and jdbc:mariadb: URLs, but JDBC_URL is " + url);
	}

	/**
	 * The name the report gives the database's CPU: {@code PostgreSQL}, {@code MariaDB}.
	 * @return the name
	 */
	String name();

	/**
	 * The query counting the events the dispatcher has not acknowledged yet.
	 * @return the query
	 */
	String countUndispatched();

	/**
	 * The query counting events not delivered yet in the WAL store mode, where events
	 * still in the WAL count too.
	 * @return the query
	 */
	default String countUnrelayedOrUndispatched() {
		throw new IllegalStateException("the WAL store mode runs on PostgreSQL only");
	}

	/**
	 * The statement that writes out what a backlog's fill left dirty, so that the
	 * delivery measured next does not pay for it, or {@code null}.
	 * @return the statement
	 */
	default @Nullable String afterFill() {
		return null;
	}

	/**
	 * The user to connect as when none is given: {@code postgres}, {@code root}.
	 * @return the user
	 */
	String defaultUsername();

	/**
	 * Properties for the JVM of a variant that the driver needs, below every other
	 * source.
	 * @param variant the write variant, or {@code ""}
	 * @return the properties
	 */
	Map<String, Object> defaultProperties(String variant);

	/**
	 * Empty the benchmark's database, creating it when missing, so that every JVM starts
	 * from the same state.
	 * @param url the benchmark database's URL
	 * @param username the user
	 * @throws SQLException when it cannot be done
	 */
	void reset(String url, String username) throws SQLException;

	/**
	 * The server's product and version, for the report's header.
	 * @param url the benchmark database's URL
	 * @param username the user
	 * @return the description
	 * @throws SQLException when the server cannot be asked
	 */
	String describe(String url, String username) throws SQLException;

	/**
	 * The folder of the starter's migrations, which create {@code _events} for the floor.
	 * @return the class path folder
	 */
	String schemaScript();

	/**
	 * The floor's insert of one ready-made {@code _events} row.
	 * @return the statement
	 */
	String floorInsert();

	/**
	 * Bind the floor's insert, with the same fixed time for every event.
	 * @param statement the statement of {@link #floorInsert()}
	 * @param type the event type
	 * @param data the event's JSON
	 * @param eventId the event's id
	 * @param transactionId the transaction's id
	 * @throws SQLException when a parameter cannot be bound
	 */
	void bindFloorInsert(PreparedStatement statement, String type, String data, UUID eventId, UUID transactionId)
			throws SQLException;

	/**
	 * The database's counters as they stand: commits, rows written, log bytes.
	 * @param jdbc the benchmark's connections
	 * @return the counters
	 */
	Counters counters(JdbcClient jdbc);

	/**
	 * The CPU the server's processes spent so far.
	 * @return clock ticks, or -1 when unknown
	 */
	long cpuTicks();

	/**
	 * Wait until the counters include what the pool's connections did.
	 * @param pool the benchmark's pool
	 */
	void publishCounters(HikariDataSource pool);

	/**
	 * The name of the figure of the server's CPU per transaction in the raw results.
	 * @return the name
	 */
	String cpuFigure();

	/**
	 * The name of the figure of log bytes per transaction in the raw results.
	 * @return the name
	 */
	String logFigure();

	/**
	 * What the report calls the log: {@code WAL}, {@code redo}.
	 * @return the label
	 */
	String logLabel();

	/**
	 * Commits, rows written and bytes of log, each a running total.
	 *
	 * @param commits the commits
	 * @param rows the rows inserted, updated and deleted
	 * @param updated the rows updated, of those
	 * @param logBytes the bytes of write-ahead or redo log
	 */
	record Counters(long commits, long rows, long updated, long logBytes) {

	}

}
