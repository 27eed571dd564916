package dev.eventstarter.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.eventstarter.Event;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Audit rows on PostgreSQL: a round's rows in one statement that reads them from the
 * events' rows by id, so the JSON columns are read where they are stored instead of
 * parsed and sent back; the rows it returns are the ones that were not there yet.
 */
final class PostgresAuditRows implements AuditRows {

	// the changed fields are those of an entity's change (a type of the resource's name
	// and a CRUD action), as Event.changes() reads them
	private static final String INSERT = """
			insert into _audit_log (event_id, occurred_at, event_type, action, resource_name, resource_id, tenant,
			    user_id, role, ip, user_agent, changed_fields, trace_id)
			select e.event_id, e.created_at, e.event_type, a.action, e.resource_name, e.resource_id, e.tenant,
			       e.session_variables ->> 'userId', e.session_variables ->> 'role', e.session_variables ->> 'ip',
			       e.session_variables ->> 'userAgent',
			       case when e.event_type = e.resource_name || '.' || a.action
			            and a.action in ('created', 'updated', 'deleted')
			       then coalesce(e.data -> 'changes' -> (case a.action when 'created' then 'added'
			                                                           when 'updated' then 'updated'
			                                                           else 'removed' end), '[]') end,
			       e.trace_context ->> 'traceId'
			from _events e cross join lateral (select substring(e.event_type from '[^.]*$') as action) a
			where e.id = any(:ids)
			order by e.id
			on conflict (event_id) do nothing
			returning event_id""";

	private static final String PURGE = """
			delete from _audit_log where id in (
			  select id from _audit_log where occurred_at < :cutoff order by id limit :limit for update skip locked)""";

	private final JdbcClient jdbc;

	PostgresAuditRows(JdbcTemplate jdbc) {
		this.jdbc = JdbcClient.create(jdbc);
	}

	@Override
	public Set<UUID> insert(List<Event> events) {
		SqlArrayValue ids = new SqlArrayValue("bigint", events.stream().map(Event::id).toArray());
		return new HashSet<>(this.jdbc.sql(INSERT).param("ids", ids).query(UUID.class).list());
	}

	@Override
	public int purge(Instant cutoff, int limit) {
		return this.jdbc.sql(PURGE).param("cutoff", cutoff.atOffset(ZoneOffset.UTC)).param("limit", limit).update();
	}

}
