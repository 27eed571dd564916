package dev.eventstarter.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit rows on PostgreSQL: a round's rows in one statement, arrays of text cast per
 * column and unnested into rows; the rows it returns are the ones that were not there
 * yet.
 */
final class PostgresAuditRows implements AuditRows {

	private static final String INSERT = """
			insert into _audit_log (event_id, occurred_at, event_type, action, resource_name, resource_id, tenant,
			    user_id, role, ip, user_agent, changed_fields, trace_id)
			select cast(a as uuid), cast(b as timestamptz), c, d, e, f, g, h, i, j, k, cast(l as jsonb), m
			from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
			    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
			    cast(? as text[]), cast(? as text[]), cast(? as text[])) as t(a, b, c, d, e, f, g, h, i, j, k, l, m)
			on conflict (event_id) do nothing
			returning event_id""";

	private static final String PURGE = """
			delete from _audit_log where id in (
			  select id from _audit_log where occurred_at < :cutoff order by id limit :limit for update skip locked)""";

	private final JdbcTemplate jdbc;

	PostgresAuditRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<UUID> insert(List<@Nullable Object[]> rows) {
		int width = COLUMNS.size();
		List<@Nullable String[]> columns = new ArrayList<>(width);
		for (int column = 0; column < width; column++) {
			columns.add(new @Nullable String[rows.size()]);
		}
		for (int row = 0; row < rows.size(); row++) {
			@Nullable Object[] values = rows.get(row);
			for (int column = 0; column < width; column++) {
				columns.get(column)[row] = (values[column] != null) ? values[column].toString() : null;
			}
		}
		Set<UUID> written = new HashSet<>();
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				for (int column = 0; column < width; column++) {
					insert.setArray(column + 1, connection.createArrayOf("text", columns.get(column)));
				}
				try (ResultSet rs = insert.executeQuery()) {
					while (rs.next()) {
						written.add(rs.getObject(1, UUID.class));
					}
				}
			}
			return null;
		});
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
