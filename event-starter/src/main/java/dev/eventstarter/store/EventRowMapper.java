package dev.eventstarter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;

/**
 * Maps rows selected with {@link #columns(DatabasePlatform)} to {@link StoredEvent}s.
 */
public final class EventRowMapper implements RowMapper<StoredEvent> {

	private static final String COLUMNS = """
			id, event_id, event_type, resource_name, resource_id, created_at, available_at, %s as dispatched_at, \
			priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata, erased_at""";

	private final JsonMapper jsonMapper;

	private final DatabasePlatform platform;

	/**
	 * Create a mapper.
	 * @param jsonMapper reads the JSON columns
	 * @param platform reads the time columns
	 */
	public EventRowMapper(JsonMapper jsonMapper, DatabasePlatform platform) {
		this.jsonMapper = jsonMapper;
		this.platform = platform;
	}

	/**
	 * The columns this mapper reads, selected from {@code _events} (not aliased).
	 * @param platform the database
	 * @return the select list
	 */
	public static String columns(DatabasePlatform platform) {
		return COLUMNS.formatted(platform.dispatchedAt("_events"));
	}

	@Override
	public StoredEvent mapRow(ResultSet rs, int rowNum) throws SQLException {
		PendingEvent row = new PendingEvent(requiredUuid(rs, "event_id"), rs.getString("event_type"),
				rs.getString("resource_name"), rs.getString("resource_id"),
				this.platform.requiredInstant(rs, "created_at"), this.platform.requiredInstant(rs, "available_at"),
				rs.getShort("priority"), rs.getString("tenant"), rs.getString("source"), rs.getString("data"),
				rs.getString("session_variables"), rs.getString("trace_context"), requiredUuid(rs, "transaction_id"),
				rs.getString("metadata"));
		return new StoredEvent(rs.getLong("id"), row, this.platform.instant(rs, "dispatched_at"),
				this.platform.instant(rs, "erased_at"), this.jsonMapper);
	}

	private UUID requiredUuid(ResultSet rs, String column) throws SQLException {
		UUID uuid = this.platform.uuid(rs, column);
		if (uuid == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return uuid;
	}

}
