package dev.eventstarter.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.Changes;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import dev.eventstarter.store.DatabasePlatform;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit-log subscriber: one {@code _audit_log} row per event (who, where, what
 * changed, in which trace) and one JSON line on the {@value #LOGGER_NAME} logger.
 *
 * <p>
 * It takes the events of a dispatch round in one JDBC batch, and writes each row at most
 * once: a redelivered event finds its row there and is neither written nor logged again.
 * Neither the row nor the log line holds attribute values, only the names of the
 * attributes that changed, so masked values never appear.
 */
public final class AuditLog {

	/**
	 * The logger each audited event is written to, at INFO.
	 */
	public static final String LOGGER_NAME = "dev.eventstarter.audit";

	/**
	 * The subscriber id of its deliveries.
	 */
	public static final String SUBSCRIBER_ID = "audit-log";

	private static final Log auditLogger = LogFactory.getLog(LOGGER_NAME);

	private static final String COLUMNS = """
			event_id, occurred_at, event_type, action, resource_name, resource_id, tenant, user_id, role, ip,
			user_agent, changed_fields, trace_id""";

	// one statement for the whole round: arrays of text, cast per column, unnested into
	// rows; the rows it returns are the ones that were not there yet
	private static final String POSTGRESQL_INSERT = "insert into _audit_log (" + COLUMNS + ") select "
			+ "cast(a as uuid), cast(b as timestamptz), c, d, e, f, g, h, i, j, k, cast(l as jsonb), m from unnest("
			+ "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
			+ "?::text[], ?::text[], ?::text[], ?::text[]) as t(a, b, c, d, e, f, g, h, i, j, k, l, m) "
			+ "on conflict (event_id) do nothing returning event_id";

	// H2 holds a single instance's events: checking first is enough there
	private static final String H2_INSERT = "insert into _audit_log (" + COLUMNS
			+ ") select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? format json, ? from dual"
			+ " where not exists (select 1 from _audit_log where event_id = ?)";

	private static final String PURGE = """
			delete from _audit_log where id in (select id from _audit_log where occurred_at < :cutoff
			order by id limit :limit%s)""";

	private final JdbcTemplate jdbc;

	private final DatabasePlatform platform;

	private final JsonMapper jsonMapper;

	/**
	 * Create an audit log.
	 * @param dataSource the data source holding {@code _audit_log}
	 * @param platform its database
	 * @param jsonMapper writes the changed fields and the log lines
	 */
	public AuditLog(DataSource dataSource, DatabasePlatform platform, JsonMapper jsonMapper) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.platform = platform;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Record events, each once.
	 * @param events the events
	 */
	public void record(List<Event> events) {
		List<Entry> entries = events.stream().map(Entry::of).toList();
		Set<UUID> written = (this.platform == DatabasePlatform.POSTGRESQL) ? insertPostgres(entries)
				: insertEmbedded(entries);
		if (auditLogger.isInfoEnabled()) {
			for (Entry entry : entries) {
				if (written.contains(entry.event().eventId())) {
					auditLogger.info(this.jsonMapper.writeValueAsString(entry.toMap()));
				}
			}
		}
	}

	private Set<UUID> insertPostgres(List<Entry> entries) {
		List<String[]> columns = new ArrayList<>(13);
		for (int column = 0; column < 13; column++) {
			columns.add(new String[entries.size()]);
		}
		for (int row = 0; row < entries.size(); row++) {
			Object[] values = values(entries.get(row));
			for (int column = 0; column < 13; column++) {
				columns.get(column)[row] = (values[column] != null) ? values[column].toString() : null;
			}
		}
		Set<UUID> written = new HashSet<>();
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement insert = connection.prepareStatement(POSTGRESQL_INSERT)) {
				for (int column = 0; column < 13; column++) {
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

	private Set<UUID> insertEmbedded(List<Entry> entries) {
		int[][] counts = this.jdbc.batchUpdate(H2_INSERT, entries, entries.size(), (statement, entry) -> {
			Object[] values = values(entry);
			for (int column = 0; column < values.length; column++) {
				if (values[column] != null) {
					statement.setObject(column + 1, values[column]);
				}
				else {
					statement.setNull(column + 1, Types.VARCHAR);
				}
			}
			statement.setObject(14, entry.event().eventId());
		});
		Set<UUID> written = new HashSet<>();
		int i = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				if (count != 0) {
					written.add(entries.get(i).event().eventId());
				}
				i++;
			}
		}
		return written;
	}

	/**
	 * Delete up to {@code limit} rows older than the cutoff.
	 * @param cutoff rows that occurred before it go
	 * @param limit the most rows to delete
	 * @return how many were deleted
	 */
	public int purge(Instant cutoff, int limit) {
		String sql = PURGE.formatted((this.platform == DatabasePlatform.POSTGRESQL) ? " for update skip locked" : "");
		return JdbcClient.create(this.jdbc)
			.sql(sql)
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.param("limit", limit)
			.update();
	}

	private @Nullable Object[] values(Entry entry) {
		Event event = entry.event();
		return new @Nullable Object[] { event.eventId(), event.createdAt().atOffset(ZoneOffset.UTC), event.eventType(),
				entry.action(), event.resourceName(), event.resourceId(), event.tenant(), entry.userId(), entry.role(),
				entry.ip(), entry.userAgent(),
				(entry.changedFields() != null) ? this.jsonMapper.writeValueAsString(entry.changedFields()) : null,
				entry.traceId() };
	}

	/**
	 * One audited event.
	 */
	private record Entry(Event event, String action, @Nullable String userId, @Nullable String role,
			@Nullable String ip, @Nullable String userAgent, @Nullable List<String> changedFields,
			@Nullable String traceId) {

		static Entry of(Event event) {
			String type = event.eventType();
			String action = type.substring(type.lastIndexOf('.') + 1);
			SessionVariables session = event.sessionVariables();
			TraceContext trace = event.traceContext();
			return new Entry(event, action, (session != null) ? session.userId() : null,
					(session != null) ? session.role() : null, (session != null) ? session.ip() : null,
					(session != null) ? session.userAgent() : null, changedFields(event, action),
					(trace != null) ? trace.traceId() : null);
		}

		private static @Nullable List<String> changedFields(Event event, String action) {
			if (event.resourceName() == null || !event.eventType().equals(event.resourceName() + "." + action)) {
				return null;
			}
			Changes changes = event.changes();
			return switch (action) {
				case "created" -> changes.added();
				case "updated" -> changes.updated();
				case "deleted" -> changes.removed();
				default -> null;
			};
		}

		Map<String, @Nullable Object> toMap() {
			Map<String, @Nullable Object> line = new LinkedHashMap<>();
			line.put("eventId", this.event.eventId());
			line.put("occurredAt", this.event.createdAt());
			line.put("eventType", this.event.eventType());
			line.put("action", this.action);
			line.put("resourceName", this.event.resourceName());
			line.put("resourceId", this.event.resourceId());
			line.put("tenant", this.event.tenant());
			line.put("userId", this.userId);
			line.put("role", this.role);
			line.put("ip", this.ip);
			line.put("userAgent", this.userAgent);
			line.put("changedFields", this.changedFields);
			line.put("traceId", this.traceId);
			return line;
		}

	}

}
