package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Inserts events on PostgreSQL, each with its row in the dispatcher's work list
 * ({@code _event_queue}), JSON as {@code jsonb} and times as ISO-8601 text that
 * PostgreSQL parses itself, and optionally notifies other instances.
 */
public final class PostgresEventWriter extends JdbcEventWriter {

	/**
	 * The channel writers notify at commit when {@code events.dispatch.notify} is on.
	 */
	public static final String CHANNEL = "_events";

	// the event and its place in the dispatcher's work list, in one statement
	private static final String INSERT_EVENTS = """
			with event as (
			  insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			      priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			  values (?, ?, ?, ?, cast(? as timestamptz), cast(? as timestamptz), ?, ?, ?, cast(? as jsonb),
			      cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb))
			  returning id, priority, available_at, created_at)
			insert into _event_queue (id, priority, available_at, created_at)
			select id, priority, available_at, created_at from event""";

	private static final String NOTIFY = """
			notify _events""";

	private final boolean notify;

	/**
	 * Create a writer.
	 * @param notify whether to {@code NOTIFY} {@value #CHANNEL} with each batch
	 */
	public PostgresEventWriter(boolean notify) {
		super(INSERT_EVENTS, DatabasePlatform.POSTGRESQL);
		this.notify = notify;
	}

	@Override
	public void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		super.insert(connection, events);
		if (this.notify && !events.isEmpty()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(NOTIFY);
			}
		}
	}

	@Override
	void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		// pgjdbc formats an OffsetDateTime through a Timestamp and a new TimestampUtils:
		// about 3% of a writer's CPU in the write benchmark
		statement.setString(index, IsoInstants.format(instant));
	}

}
