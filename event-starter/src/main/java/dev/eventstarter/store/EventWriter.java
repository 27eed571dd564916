package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes the events of one transaction as a single JDBC batch on that transaction's
 * connection.
 */
public final class EventWriter {

	private static final String INSERT_EVENTS = """
			insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			    priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			values (?, ?, ?, ?, %2$s, %2$s, ?, ?, ?, %1$s, %1$s, %1$s, ?, %1$s)
			""";

	// pgjdbc formats an OffsetDateTime through a Timestamp and a new TimestampUtils:
	// about 3% of a writer's CPU in the write benchmark. PostgreSQL parses ISO-8601 text
	// itself
	private static final String POSTGRESQL_TIMESTAMP = "cast(? as timestamptz)";

	private final String insertSql;

	private final boolean timestampsAsText;

	private final @Nullable String notifySql;

	/**
	 * Create a writer.
	 * @param platform the database of the event tables
	 * @param notifyChannel a PostgreSQL channel to {@code NOTIFY} with each batch, or
	 * {@code null} for none
	 */
	public EventWriter(DatabasePlatform platform, @Nullable String notifyChannel) {
		this.timestampsAsText = platform == DatabasePlatform.POSTGRESQL;
		this.insertSql = INSERT_EVENTS.formatted(platform.jsonParameter(),
				this.timestampsAsText ? POSTGRESQL_TIMESTAMP : "?");
		this.notifySql = (notifyChannel != null) ? "notify " + notifyChannel : null;
	}

	/**
	 * Insert events in one batch. The caller owns the connection and its transaction.
	 * @param connection the connection of the transaction the events belong to
	 * @param events the events to insert
	 * @throws SQLException if the batch fails
	 */
	public void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		if (events.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(this.insertSql)) {
			if (events.size() == 1) {
				// most transactions have one event; pgjdbc's batch path costs more
				bind(statement, events.get(0));
				statement.executeUpdate();
			}
			else {
				for (PendingEvent event : events) {
					bind(statement, event);
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
		if (this.notifySql != null) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(this.notifySql);
			}
		}
	}

	private void bind(PreparedStatement statement, PendingEvent event) throws SQLException {
		statement.setObject(1, event.eventId());
		statement.setString(2, event.eventType());
		setNullableString(statement, 3, event.resourceName());
		setNullableString(statement, 4, event.resourceId());
		setTimestamp(statement, 5, event.createdAt());
		setTimestamp(statement, 6, event.availableAt());
		statement.setShort(7, (short) event.priority());
		setNullableString(statement, 8, event.tenant());
		setNullableString(statement, 9, event.source());
		statement.setString(10, event.data());
		setNullableString(statement, 11, event.sessionVariables());
		setNullableString(statement, 12, event.traceContext());
		statement.setObject(13, event.transactionId());
		setNullableString(statement, 14, event.metadata());
	}

	private void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		if (this.timestampsAsText) {
			statement.setString(index, IsoInstants.format(instant));
		}
		else {
			statement.setObject(index, timestamp(instant));
		}
	}

	private static void setNullableString(PreparedStatement statement, int index, @Nullable String value)
			throws SQLException {
		if (value != null) {
			statement.setString(index, value);
		}
		else {
			statement.setNull(index, Types.VARCHAR);
		}
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
