package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.eventstarter.store.StoredEvent;

/**
 * Event rows on MariaDB and MySQL: {@code IN} lists, and a purge that deletes with
 * {@code LIMIT} directly, as these databases allow no {@code LIMIT} in an {@code IN}
 * subquery. Instances purging at once wait for each other's row locks instead of skipping
 * them.
 */
final class MariaDbEventRows implements EventRows {

	private static final String SELECT_BY_IDS = """
			select id, event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at,
			       priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata, erased_at
			from _events where id in (:ids)""";

	private static final String PURGE = """
			delete from _events
			where created_at < :cutoff and dispatched_at < :cutoff
			  and not exists (select 1 from _event_deliveries d where d.event_id = _events.id and d.status <> 'SUCCEEDED')
			order by id
			limit :limit""";

	private final DispatchJdbc jdbc;

	MariaDbEventRows(DispatchJdbc jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<Long, StoredEvent> byIds(Collection<Long> ids) {
		Map<Long, StoredEvent> events = new HashMap<>();
		if (ids.isEmpty()) {
			return events;
		}
		this.jdbc.jdbc()
			.sql(SELECT_BY_IDS)
			.param("ids", ids)
			.query(this.jdbc.events())
			.list()
			.forEach((event) -> events.put(event.id(), event));
		return events;
	}

	@Override
	public int purgeDispatched(Instant cutoff, int limit) {
		// read committed: the scan passes over rows that writers have not committed
		Integer deleted = this.jdbc.transaction()
			.execute((status) -> this.jdbc.jdbc()
				.sql(PURGE)
				.param("cutoff", this.jdbc.timestamp(cutoff))
				.param("limit", limit)
				.update());
		return (deleted != null) ? deleted : 0;
	}

}
