package dev.eventstarter.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * MariaDB: the database dropped and created before each JVM; commits, rows and redo bytes
 * from {@code SHOW GLOBAL STATUS}, CPU of the {@code mariadbd} process. The counters are
 * the server's, whatever database did the work: nothing else may use the server during a
 * run.
 */
final class MariaDbBenchDatabase implements BenchDatabase {

	private static final Pattern URL = Pattern.compile("(jdbc:mariadb://[^/]+/)([^?]*)(.*)");

	/**
	 * The statement of the starter's {@code MariaDbEventWriter}.
	 */
	private static final String FLOOR_INSERT = """
			insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			    priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final LocalDateTime FLOOR_CREATED_AT = LocalDateTime.of(2026, 11, 23, 8, 0, 0, 123_456_000);

	/**
	 * Live totals of every session. {@code Com_commit} counts {@code COMMIT}s, not
	 * autocommitted statements. MariaDB 10.11 reports no {@code Innodb_rows_*} counters
	 * (MDEV-28539 removed them, MDEV-31772 asks for them back), so rows are the handler's
	 * writes, updates and deletes, internal temporary tables apart.
	 * {@code Innodb_os_log_written} is the redo log written; it moves with the log
	 * sequence number, as PostgreSQL's WAL position does.
	 */
	private static final String STATUS = """
			show global status where variable_name in
			    ('Com_commit', 'Handler_write', 'Handler_update', 'Handler_delete', 'Innodb_os_log_written')""";

	@Override
	public String name() {
		return "MariaDB";
	}

	@Override
	public String countUndispatched() {
		return "select count(*) from _events where dispatched_at is null";
	}

	@Override
	public String defaultUsername() {
		return "root";
	}

	/**
	 * The pipelined floor sends its insert and the {@code COMMIT} as one query, a syntax
	 * error unless the driver allows several statements in one; the other variants keep
	 * the driver's defaults.
	 */
	@Override
	public Map<String, Object> defaultProperties(String variant) {
		if (variant.equals("floor-pipelined")) {
			return Map.of("spring.datasource.hikari.data-source-properties.allowMultiQueries", "true");
		}
		return Map.of();
	}

	/**
	 * Drop and create the database: its tables, and the pages they held, are gone.
	 */
	@Override
	public void reset(String url, String username) throws SQLException {
		Matcher parts = parts(url);
		String database = parts.group(2);
		try (Connection connection = DriverManager.getConnection(parts.group(1) + parts.group(3), username, "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists `" + database + "`");
			statement.execute("create database `" + database + "`");
		}
	}

	@Override
	public String describe(String url, String username) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, username, "")) {
			return "MariaDB " + connection.getMetaData().getDatabaseProductVersion();
		}
	}

	@Override
	public String schemaScript() {
		return "db/event-starter/mariadb";
	}

	@Override
	public String floorInsert() {
		return FLOOR_INSERT;
	}

	/**
	 * Bind as the starter does: JSON as text, times as UTC local times, ids as
	 * {@link UUID}s.
	 */
	@Override
	public void bindFloorInsert(PreparedStatement statement, String type, String data, UUID eventId, UUID transactionId)
			throws SQLException {
		statement.setObject(1, eventId);
		statement.setString(2, type);
		statement.setString(3, "orders");
		statement.setString(4, "1");
		statement.setObject(5, FLOOR_CREATED_AT);
		statement.setObject(6, FLOOR_CREATED_AT);
		statement.setShort(7, (short) 5);
		statement.setNull(8, Types.VARCHAR);
		statement.setNull(9, Types.VARCHAR);
		statement.setString(10, data);
		statement.setNull(11, Types.VARCHAR);
		statement.setNull(12, Types.VARCHAR);
		statement.setObject(13, transactionId);
		statement.setNull(14, Types.VARCHAR);
	}

	@Override
	public Counters counters(JdbcClient jdbc) {
		Map<String, Long> status = new HashMap<>();
		jdbc.sql(STATUS).query((rs) -> {
			status.put(rs.getString(1), rs.getLong(2));
		});
		return new Counters(value(status, "Com_commit"),
				value(status, "Handler_write") + value(status, "Handler_update") + value(status, "Handler_delete"),
				value(status, "Handler_update"), value(status, "Innodb_os_log_written"));
	}

	@Override
	public long cpuTicks() {
		return ServerCpu.ticks("mariadbd");
	}

	/**
	 * The global status sums every session's live counters, so there is nothing to wait
	 * for; the pause is PostgreSQL's, so that each phase starts after the same quiet
	 * time.
	 */
	@Override
	public void publishCounters(HikariDataSource pool) {
		Usage.sleep(1500);
	}

	@Override
	public String cpuFigure() {
		return "mariadbCpuUsPerTx";
	}

	@Override
	public String logFigure() {
		return "redoBytesPerTx";
	}

	@Override
	public String logLabel() {
		return "redo";
	}

	private static long value(Map<String, Long> status, String name) {
		Long value = status.get(name);
		if (value == null) {
			throw new IllegalStateException("The server has no status variable " + name);
		}
		return value;
	}

	private static Matcher parts(String url) {
		Matcher parts = URL.matcher(url);
		if (!parts.matches() || !parts.group(2).matches("\\w+")) {
			throw new IllegalArgumentException(
					"Expected jdbc:mariadb://host:port/database with a database name of letters, digits and _, but was "
							+ url);
		}
		return parts;
	}

}
