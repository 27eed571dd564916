package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.eventstarter.store.StoredEvent;

import static dev.eventstarter.dispatch.DispatchJdbc.ids;

/**
 * Event rows read and purged alike on PostgreSQL and H2, but for how a purge skips rows
 * another instance holds.
 */
final class JdbcEventRows implements EventRows {

	private static final String SELECT_BY_IDS = """
			select id, event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at,
			       priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata, erased_at
			from _events where id = any(:ids)""";

	static final String PURGE_POSTGRESQL = """
			delete from _events where id in (
			  select id from _events e
			  where e.created_at < :cutoff and e.dispatched_at < :cutoff
			    and not exists (select 1 from _event_deliveries d where d.event_id = e.id and d.status <> 'SUCCEEDED')
			  limit :limit
			  for update skip locked)""";

	// H2 holds one instance: nothing to skip
	static final String PURGE_H2 = """
			delete from _events where id in (
			  select id from _events e
			  where e.created_at < :cutoff and e.dispatched_at < :cutoff
			    and not exists (select 1 from _event_deliveries d where d.event_id = e.id and d.status <> 'SUCCEEDED')
			  limit :limit)""";

	private final DispatchJdbc jdbc;

	private final String purge;

	JdbcEventRows(DispatchJdbc jdbc, String purge) {
		this.jdbc = jdbc;
		this.purge = purge;
	}

	@Override
	public Map<Long, StoredEvent> byIds(Collection<Long> ids) {
		Map<Long, StoredEvent> events = new HashMap<>();
		this.jdbc.jdbc()
			.sql(SELECT_BY_IDS)
			.param("ids", ids(ids))
			.query(this.jdbc.events())
			.list()
			.forEach((event) -> events.put(event.id(), event));
		return events;
	}

	@Override
	public int purgeDispatched(Instant cutoff, int limit) {
		return this.jdbc.jdbc()
			.sql(this.purge)
			.param("cutoff", this.jdbc.timestamp(cutoff))
			.param("limit", limit)
			.update();
	}

}
