package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Inserts events with one prepared statement whose parameters are, in order: event id,
 * type, resource name and id, created and available times, priority, tenant, source,
 * data, session variables, trace context, transaction id and metadata. Databases differ
 * in the statement and in how a time is bound.
 */
abstract class JdbcEventWriter implements EventWriter {

	final String insertSql;

	private final DatabasePlatform platform;

	JdbcEventWriter(String insertSql, DatabasePlatform platform) {
		this.insertSql = insertSql;
		this.platform = platform;
	}

	@Override
	public void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		if (events.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(this.insertSql)) {
			if (events.size() == 1) {
				// most transactions have one event; a JDBC batch costs more
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
	}

	abstract void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException;

	/**
	 * Bind an event's columns, the statement's first 14 parameters.
	 */
	final void bind(PreparedStatement statement, PendingEvent event) throws SQLException {
		statement.setObject(1, this.platform.uuid(event.eventId()));
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
		statement.setObject(13, this.platform.uuid(event.transactionId()));
		setNullableString(statement, 14, event.metadata());
	}

	static void setNullableString(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
		if (value != null) {
			statement.setString(index, value);
		}
		else {
			statement.setNull(index, Types.VARCHAR);
		}
	}

}
