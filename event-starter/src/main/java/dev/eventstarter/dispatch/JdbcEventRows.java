package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventRowMapper;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

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
	private static final String PURGE_POSTGRESQL = """
			delete from _events where id in (
			  select id from _events e
			  where e.created_at < :cutoff
			    and not %s
			    and %s < :cutoff
			    and not exists (select 1 from _event_deliveries d where d.event_id = e.id and d.status <> 'SUCCEEDED')
			  limit :limit
			  for update skip locked)""".formatted(DatabasePlatform.POSTGRESQL.undispatched("e"),
			DatabasePlatform.POSTGRESQL.dispatchedAt("e"));

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
	private static final String PURGE_H2 = """
			delete from _events where id in (
			  select id from _events e
			  where e.created_at < :cutoff and e.dispatched_at < :cutoff
			    and not exists (select 1 from _event_deliveries d where d.event_id = e.id and d.status <> 'SUCCEEDED')
			  limit :limit)""";

	private final DispatchJdbc jdbc;

	private final String purge;

	private final @Nullable String purgeRounds;

	private final String selectByIds;

	private JdbcEventRows(DispatchJdbc jdbc, String purge, @Nullable String purgeRounds) {
		this.jdbc = jdbc;
		this.purge = purge;
		this.purgeRounds = purgeRounds;
		this.selectByIds = SELECT_BY_IDS.formatted(EventRowMapper.columns(jdbc.platform()));
	}

	static JdbcEventRows forPostgres(DispatchJdbc jdbc) {
		return new JdbcEventRows(jdbc, PURGE_POSTGRESQL, PURGE_ROUNDS_POSTGRESQL);
	}

	static JdbcEventRows forH2(DispatchJdbc jdbc) {
		return new JdbcEventRows(jdbc, PURGE_H2, null);
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
		if (this.purgeRounds != null) {
			this.jdbc.jdbc()
				.sql(this.purgeRounds)
				.param("cutoff", this.jdbc.timestamp(cutoff))
				.param("limit", limit)
				.update();
		}
		return purged;
	}

}
