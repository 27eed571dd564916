package dev.eventstarter.audit;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.eventstarter.Event;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit rows on H2, which holds a single instance's events: checking first is enough.
 */
final class EmbeddedAuditRows implements AuditRows {

	private static final String INSERT = """
			insert into _audit_log (event_id, occurred_at, event_type, action, resource_name, resource_id, tenant,
			    user_id, role, ip, user_agent, changed_fields, trace_id)
			select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? format json, ? from dual
			where not exists (select 1 from _audit_log where event_id = ?)""";

	private static final String PURGE = """
			delete from _audit_log where id in (
			  select id from _audit_log where occurred_at < :cutoff order by id limit :limit)""";

	private final JdbcTemplate jdbc;

	private final JsonMapper jsonMapper;

	EmbeddedAuditRows(JdbcTemplate jdbc, JsonMapper jsonMapper) {
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Set<UUID> insert(List<Event> events) {
		List<@Nullable Object[]> rows = events.stream()
			.map((event) -> AuditEntry.of(event).values(this.jsonMapper))
			.toList();
		int[][] counts = this.jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, values) -> {
			for (int column = 0; column < values.length; column++) {
				if (values[column] instanceof Instant instant) {
					statement.setObject(column + 1, instant.atOffset(ZoneOffset.UTC));
				}
				else if (values[column] != null) {
					statement.setObject(column + 1, values[column]);
				}
				else {
					statement.setNull(column + 1, Types.VARCHAR);
				}
			}
			statement.setObject(values.length + 1, values[0]);
		});
		Set<UUID> written = new HashSet<>();
		int i = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				if (count != 0) {
					written.add((UUID) rows.get(i)[0]);
				}
				i++;
			}
		}
		return written;
	}

	@Override
	public int purge(Instant cutoff, int limit) {
		return JdbcClient.create(this.jdbc)
			.sql(PURGE)
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.param("limit", limit)
			.update();
	}

}
