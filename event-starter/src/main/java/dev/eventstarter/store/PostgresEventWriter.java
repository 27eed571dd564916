package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Inserts events on PostgreSQL, each with its row in the dispatcher's work list
 * ({@code _event_queue}), JSON as {@code jsonb} and times as ISO-8601 text that
 * PostgreSQL parses itself, and optionally notifies other instances. When this instance's
 * dispatcher takes the events from memory ({@link EventHandOff}), their work list rows
 * are held for it and the statement returns their ids.
 */
public final class PostgresEventWriter extends JdbcEventWriter {

	/**
	 * The channel writers notify at commit when {@code events.dispatch.notify} is on.
	 */
	public static final String CHANNEL = "_events";

	// the event and its place in the dispatcher's work list, in one statement. The last
	// parameter holds the place until a later time, or is null (greatest ignores it)
	private static final String INSERT_EVENTS = """
			with event as (
			  insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at,
			      priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
			  values (?, ?, ?, ?, cast(? as timestamptz), cast(? as timestamptz), ?, ?, ?, cast(? as jsonb),
			      cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb))
			  returning id, priority, available_at, created_at)
			insert into _event_queue (id, priority, available_at, created_at)
			select id, priority, greatest(available_at, cast(? as timestamptz)), created_at from event""";

	private static final String NOTIFY = """
			notify _events""";

	private static final String[] ID = { "id" };

	private final boolean notify;

	private final Supplier<EventHandOff> handOff;

	/**
	 * Create a writer whose events are all claimed.
	 * @param notify whether to {@code NOTIFY} {@value #CHANNEL} with each batch
	 */
	public PostgresEventWriter(boolean notify) {
		this(notify, () -> EventHandOff.NONE);
	}

	/**
	 * Create a writer.
	 * @param notify whether to {@code NOTIFY} {@value #CHANNEL} with each batch
	 * @param handOff the dispatcher's hand-off, asked for at the first write
	 */
	public PostgresEventWriter(boolean notify, Supplier<EventHandOff> handOff) {
		super(INSERT_EVENTS, DatabasePlatform.POSTGRESQL);
		this.notify = notify;
		this.handOff = handOff;
	}

	@Override
	public void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		if (events.isEmpty()) {
			return;
		}
		EventHandOff handOff = this.handOff.get();
		Instant holdUntil = handOff.holdUntil();
		Instant heldUntil = (holdUntil != null && events.stream().anyMatch(PendingEvent::dueAtOnce)) ? holdUntil : null;
		boolean holding = heldUntil != null;
		// pgjdbc appends "returning id" to the outer insert, batches included
		try (PreparedStatement statement = holding ? connection.prepareStatement(this.insertSql, ID)
				: connection.prepareStatement(this.insertSql)) {
			if (events.size() == 1) {
				// most transactions have one event; a JDBC batch costs more
				bind(statement, events.get(0), heldUntil);
				statement.executeUpdate();
			}
			else {
				for (PendingEvent event : events) {
					bind(statement, event, heldUntil);
					statement.addBatch();
				}
				statement.executeBatch();
			}
			if (heldUntil != null) {
				handOver(handOff, statement, events, heldUntil);
			}
		}
		if (this.notify) {
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

	private void bind(PreparedStatement statement, PendingEvent event, @Nullable Instant heldUntil)
			throws SQLException {
		bind(statement, event);
		if (heldUntil != null && event.dueAtOnce()) {
			setTimestamp(statement, 15, heldUntil);
		}
		else {
			statement.setNull(15, Types.VARCHAR);
		}
	}

	private static void handOver(EventHandOff handOff, PreparedStatement statement, List<PendingEvent> events,
			Instant heldUntil) throws SQLException {
		List<PendingEvent> held = new ArrayList<>(events.size());
		long[] ids = new long[events.size()];
		try (ResultSet keys = statement.getGeneratedKeys()) {
			for (PendingEvent event : events) {
				if (!keys.next()) {
					throw new SQLException("The insert returned fewer ids than it inserted events");
				}
				if (event.dueAtOnce()) {
					ids[held.size()] = keys.getLong(1);
					held.add(event);
				}
			}
		}
		handOff.written(held, (held.size() == ids.length) ? ids : Arrays.copyOf(ids, held.size()), heldUntil);
	}

}
