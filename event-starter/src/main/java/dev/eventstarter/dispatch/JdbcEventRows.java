package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventRowMapper;
import dev.eventstarter.store.StoredEvent;

import static dev.eventstarter.dispatch.DispatchJdbc.ids;

/**
 * Event rows read and purged alike on PostgreSQL and H2, but for how a purge skips rows
 * another instance holds.
 */
final class JdbcEventRows implements EventRows {

	private static final String SELECT_BY_IDS = """
			select %s from _events where id = any(:ids)""";

	// dispatched is off the work list; when is the column, or the round that dispatched
	// it
	static final String PURGE_POSTGRESQL = """
			delete from _events where id in (
			  select id from _events e
			  where e.created_at < :cutoff
			    and not exists (select 1 from _event_queue q where q.priority = e.priority and q.id = e.id)
			    and coalesce(e.dispatched_at, (select max(d.dispatched_at) from _event_dispatches d
			                                   where d.event_ids @> e.id)) < :cutoff
			    and not exists (select 1 from _event_deliveries d where d.event_id = e.id and d.status <> 'SUCCEEDED')
			  limit :limit
			  for update skip locked)""";

	// a round's record goes with the last of its events: until then it tells when they
	// were dispatched
	private static final String PURGE_ROUNDS_POSTGRESQL = """
			delete from _event_dispatches where id in (
			  select r.id from _event_dispatches r
			  where r.dispatched_at < :cutoff
			    and not exists (select 1 from _events e
			                    where e.id >= lower(r.event_ids) and e.id < upper(r.event_ids) and r.event_ids @> e.id)
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

	private final String selectByIds;

	JdbcEventRows(DispatchJdbc jdbc, String purge) {
		this.jdbc = jdbc;
		this.purge = purge;
		this.selectByIds = SELECT_BY_IDS.formatted(EventRowMapper.columns(jdbc.platform()));
	}

	@Override
	public Map<Long, StoredEvent> byIds(Collection<Long> ids) {
		Map<Long, StoredEvent> events = new HashMap<>();
		this.jdbc.jdbc()
			.sql(this.selectByIds)
			.param("ids", ids(ids))
			.query(this.jdbc.events())
			.list()
			.forEach((event) -> events.put(event.id(), event));
		return events;
	}

	@Override
	public int purgeDispatched(Instant cutoff, int limit) {
		int purged = this.jdbc.jdbc()
			.sql(this.purge)
			.param("cutoff", this.jdbc.timestamp(cutoff))
			.param("limit", limit)
			.update();
		if (this.jdbc.platform() == DatabasePlatform.POSTGRESQL) {
			this.jdbc.jdbc()
				.sql(PURGE_ROUNDS_POSTGRESQL)
				.param("cutoff", this.jdbc.timestamp(cutoff))
				.param("limit", limit)
				.update();
		}
		return purged;
	}

}
