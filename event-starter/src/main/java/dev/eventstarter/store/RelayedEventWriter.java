package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Inserts the events the WAL relay read, with their places in the dispatcher's work list,
 * as one statement whatever their number: each column is one array parameter, sent in
 * pgjdbc's binary array form, and the rows are inserted in the arrays' order, which is
 * commit order, so the identity gives ids in that order. An event already in the table
 * (read again after a crash) is skipped.
 */
final class RelayedEventWriter implements EventWriter {

	private static final String INSERT_EVENTS = """
			with event as (
			  insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			      priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			  select cast(e.event_id as uuid), e.event_type, e.resource_name, e.resource_id,
			    cast(e.created_at as timestamptz), cast(e.available_at as timestamptz), cast(e.priority as smallint),
			    e.tenant, e.source, cast(e.data as jsonb), cast(e.session_variables as jsonb),
			    cast(e.trace_context as jsonb), cast(e.transaction_id as uuid), cast(e.metadata as jsonb)
			  from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
			      cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
			      cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]))
			    with ordinality as e(event_id, event_type, resource_name, resource_id, created_at, available_at,
			      priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata, n)
			  order by e.n
			  on conflict (event_id) do nothing
			  returning id, priority, available_at, created_at)
			insert into _event_queue (id, priority, available_at, created_at)
			select id, priority, available_at, created_at from event""";

	private final boolean notify;

	/**
	 * Create a writer.
	 * @param notify whether to {@code NOTIFY} {@value PostgresEventWriter#CHANNEL} with
	 * each batch, waking the dispatchers of other instances
	 */
	RelayedEventWriter(boolean notify) {
		this.notify = notify;
	}

	@Override
	public void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		if (events.isEmpty()) {
			return;
		}
		int size = events.size();
		String[][] columns = new String[14][size];
		for (int i = 0; i < size; i++) {
			PendingEvent event = events.get(i);
			columns[0][i] = event.eventId().toString();
			columns[1][i] = event.eventType();
			columns[2][i] = event.resourceName();
			columns[3][i] = event.resourceId();
			columns[4][i] = IsoInstants.format(event.createdAt());
			columns[5][i] = IsoInstants.format(event.availableAt());
			columns[6][i] = Integer.toString(event.priority());
			columns[7][i] = event.tenant();
			columns[8][i] = event.source();
			columns[9][i] = event.data();
			columns[10][i] = event.sessionVariables();
			columns[11][i] = event.traceContext();
			columns[12][i] = uuid(event.transactionId());
			columns[13][i] = event.metadata();
		}
		try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENTS)) {
			for (int column = 0; column < columns.length; column++) {
				statement.setObject(column + 1, columns[column]);
			}
			statement.executeUpdate();
		}
		if (this.notify) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("notify " + PostgresEventWriter.CHANNEL);
			}
		}
	}

	private static @Nullable String uuid(@Nullable UUID uuid) {
		return (uuid != null) ? uuid.toString() : null;
	}

}
