package dev.eventstarter.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Inserts events on MariaDB and MySQL: JSON as text, times as UTC local times, which the
 * drivers pass on without converting them to the JVM's time zone.
 */
public final class MariaDbEventWriter extends JdbcEventWriter {

	private static final String INSERT_EVENTS = """
			insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			    priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	/**
	 * Create a writer.
	 * @param platform MariaDB or MySQL
	 */
	public MariaDbEventWriter(DatabasePlatform platform) {
		super(INSERT_EVENTS, platform);
	}

	@Override
	void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

}
