package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

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
			  returning id, event_id, priority, available_at, created_at),
			queued as (
			  insert into _event_queue (id, priority, available_at, created_at)
			  select id, priority, greatest(available_at, case when available_at <= created_at
			      then cast(? as timestamptz) end), created_at
			  from event)
			select id, event_id from event""";

	private final boolean notify;

	private final Supplier<EventHandOff> handOff;

	/**
	 * Create a writer.
	 * @param notify whether to {@code NOTIFY} {@value PostgresEventWriter#CHANNEL} with
	 * each batch, waking the dispatchers of other instances
	 * @param handOff this instance's dispatcher's hand-off: the rows of the events due at
	 * once are held for it, and handed over once the relay commits
	 */
	RelayedEventWriter(boolean notify, Supplier<EventHandOff> handOff) {
		this.notify = notify;
		this.handOff = handOff;
	}

	@Override
	public void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		if (events.isEmpty()) {
			return;
		}
		List<@Nullable String[]> columns = List.of(column(events, (event) -> event.eventId().toString()),
				column(events, PendingEvent::eventType), column(events, PendingEvent::resourceName),
				column(events, PendingEvent::resourceId),
				column(events, (event) -> IsoInstants.format(event.createdAt())),
				column(events, (event) -> IsoInstants.format(event.availableAt())),
				column(events, (event) -> Integer.toString(event.priority())), column(events, PendingEvent::tenant),
				column(events, PendingEvent::source), column(events, PendingEvent::data),
				column(events, PendingEvent::sessionVariables), column(events, PendingEvent::traceContext),
				column(events, (event) -> event.transactionId().toString()), column(events, PendingEvent::metadata));
		EventHandOff handOff = this.handOff.get();
		// what an earlier batch staged but did not commit must not be handed over
		handOff.discard();
		Instant heldUntil = handOff.holdUntil();
		try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENTS)) {
			for (int column = 0; column < columns.size(); column++) {
				statement.setObject(column + 1, columns.get(column));
			}
			if (heldUntil != null) {
				statement.setString(columns.size() + 1, IsoInstants.format(heldUntil));
			}
			else {
				statement.setNull(columns.size() + 1, Types.VARCHAR);
			}
			try (ResultSet inserted = statement.executeQuery()) {
				if (heldUntil != null) {
					handOver(handOff, inserted, events, heldUntil);
				}
			}
		}
		if (this.notify) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("notify " + PostgresEventWriter.CHANNEL);
			}
		}
	}

	/**
	 * Stage the inserted events that are due at once, those whose rows were held; events
	 * read again after a crash were not inserted and are not handed over.
	 */
	private static void handOver(EventHandOff handOff, ResultSet inserted, List<PendingEvent> events, Instant heldUntil)
			throws SQLException {
		Map<UUID, PendingEvent> byId = new HashMap<>();
		for (PendingEvent event : events) {
			byId.put(event.eventId(), event);
		}
		List<PendingEvent> held = new ArrayList<>(events.size());
		long[] ids = new long[events.size()];
		while (inserted.next()) {
			PendingEvent event = byId.get(inserted.getObject(2, UUID.class));
			if (event != null && event.dueAtOnce()) {
				ids[held.size()] = inserted.getLong(1);
				held.add(event);
			}
		}
		handOff.written(held, Arrays.copyOf(ids, held.size()), heldUntil);
	}

	private static @Nullable String[] column(List<PendingEvent> events,
			Function<PendingEvent, @Nullable String> value) {
		@Nullable String[] column = new String[events.size()];
		for (int i = 0; i < column.length; i++) {
			column[i] = value.apply(events.get(i));
		}
		return column;
	}

}
