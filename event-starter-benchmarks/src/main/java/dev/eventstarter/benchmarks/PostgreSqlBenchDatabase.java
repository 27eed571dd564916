package dev.eventstarter.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL: the {@code public} schema emptied before each JVM, commits and rows from
 * {@code pg_stat_database}, WAL from {@code pg_current_wal_lsn()}, CPU of every
 * {@code postgres} process.
 */
final class PostgreSqlBenchDatabase implements BenchDatabase {

	private static final String FLOOR_INSERT = """
			insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			    priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			values (?, ?, 'orders', '1', cast(? as timestamptz), cast(? as timestamptz), 5, null, null,
			    cast(? as jsonb), null, null, ?, null)
			""";

	private static final String FLOOR_CREATED_AT = "2026-11-23T08:00:00.123456Z";

	private static final String DATABASE_COUNTERS = """
			select xact_commit, tup_inserted + tup_updated + tup_deleted as rows_written, tup_updated,
			       pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') as wal
			from pg_stat_database where datname = current_database()""";

	@Override
	public String name() {
		return "PostgreSQL";
	}

	@Override
	public String countUndispatched() {
		return "select count(*) from _event_queue";
	}

	@Override
	public String countUnrelayedOrUndispatched() {
		// one more while the WAL store mode's slot is behind the flushed WAL: a count of
		// the messages not relayed yet would need decoding them
		return "select (select count(*) from _event_queue) + (select count(*) from pg_replication_slots "
				+ "where slot_name like 'event\\_starter\\_%' and database = current_database() "
				+ "and confirmed_flush_lsn < pg_current_wal_flush_lsn())";
	}

	@Override
	public String afterFill() {
		// a checkpoint in the middle of a drain slowed it by a third in some runs
		return "checkpoint";
	}

	@Override
	public String defaultUsername() {
		return "postgres";
	}

	@Override
	public Map<String, Object> defaultProperties(String variant) {
		return Map.of();
	}

	/**
	 * Empty the {@code public} schema, and checkpoint so that the next JVM does not pay
	 * for the last one's writes.
	 */
	@Override
	public void reset(String url, String username) throws SQLException {
		String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
		String server = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
		try (Connection connection = DriverManager.getConnection(server, username, "");
				Statement statement = connection.createStatement()) {
			boolean exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")
				.next();
			if (!exists) {
				statement.execute("create database " + database);
			}
		}
		try (Connection connection = DriverManager.getConnection(url, username, "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists public cascade");
			statement.execute("create schema public");
			// the WAL store mode's slot: messages an earlier JVM left unrelayed must not
			// reach this one's table
			statement.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots "
					+ "where slot_name like 'event\\_starter\\_%' and database = '" + database + "' and not active");
			statement.execute("checkpoint");
		}
	}

	@Override
	public String describe(String url, String username) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, username, "")) {
			return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion();
		}
	}

	@Override
	public String schemaScript() {
		return "db/event-starter/postgresql";
	}

	@Override
	public String floorInsert() {
		return FLOOR_INSERT;
	}

	@Override
	public void bindFloorInsert(PreparedStatement statement, String type, String data, UUID eventId, UUID transactionId)
			throws SQLException {
		statement.setObject(1, eventId);
		statement.setString(2, type);
		statement.setString(3, FLOOR_CREATED_AT);
		statement.setString(4, FLOOR_CREATED_AT);
		statement.setString(5, data);
		statement.setObject(6, transactionId);
	}

	@Override
	public Counters counters(JdbcClient jdbc) {
		jdbc.sql("select pg_stat_clear_snapshot()").query().singleRow();
		return jdbc.sql(DATABASE_COUNTERS)
			.query((rs, rowNum) -> new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	@Override
	public long cpuTicks() {
		return ServerCpu.ticks("postgres");
	}

	/**
	 * Backends publish their counters when idle, but at most once a second and later when
	 * busy; a backend that ends publishes them at once. So the pool's connections are
	 * replaced.
	 */
	@Override
	public void publishCounters(HikariDataSource pool) {
		pool.getHikariPoolMXBean().softEvictConnections();
		Usage.sleep(1500);
	}

	@Override
	public String cpuFigure() {
		return "pgCpuUsPerTx";
	}

	@Override
	public String logFigure() {
		return "walBytesPerTx";
	}

	@Override
	public String logLabel() {
		return "WAL";
	}

}
