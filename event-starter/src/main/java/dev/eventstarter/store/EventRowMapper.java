package dev.eventstarter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;

/**
 * Maps rows selected with {@link #COLUMNS} to {@link StoredEvent}s.
 */
public final class EventRowMapper implements RowMapper<StoredEvent> {

	/**
	 * The columns this mapper reads, in order.
	 */
	public static final String COLUMNS = """
			id, event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at, priority, \
			tenant, source, data, session_variables, trace_context, transaction_id, metadata""";

	private final JsonMapper jsonMapper;

	public EventRowMapper(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public StoredEvent mapRow(ResultSet rs, int rowNum) throws SQLException {
		PendingEvent row = new PendingEvent(rs.getObject("event_id", UUID.class), rs.getString("event_type"),
				rs.getString("resource_name"), rs.getString("resource_id"), instant(rs, "created_at"),
				instant(rs, "available_at"), rs.getShort("priority"), rs.getString("tenant"), rs.getString("source"),
				rs.getString("data"), rs.getString("session_variables"), rs.getString("trace_context"),
				rs.getObject("transaction_id", UUID.class), rs.getString("metadata"));
		return new StoredEvent(rs.getLong("id"), row, nullableInstant(rs, "dispatched_at"), this.jsonMapper);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
