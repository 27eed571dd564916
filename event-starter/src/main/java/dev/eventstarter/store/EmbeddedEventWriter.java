package dev.eventstarter.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Inserts events on H2, JSON as {@code json}.
 */
public final class EmbeddedEventWriter extends JdbcEventWriter {

	private static final String INSERT_EVENTS = """
			insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			    priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ? format json, ? format json, ? format json, ?, ? format json)""";

	public EmbeddedEventWriter() {
		super(INSERT_EVENTS, DatabasePlatform.H2);
	}

	@Override
	void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
	}

}
