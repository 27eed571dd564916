package dev.eventstarter.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	private static final String POSTGRESQL_INSERT = "insert into _audit_log (" + COLUMNS
			+ ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?) on conflict (event_id) do nothing";

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
		boolean postgres = this.platform == DatabasePlatform.POSTGRESQL;
		int[][] counts = this.jdbc.batchUpdate(postgres ? POSTGRESQL_INSERT : H2_INSERT, entries, entries.size(),
				(statement, entry) -> bind(statement, entry, postgres));
		if (auditLogger.isInfoEnabled()) {
			int i = 0;
			for (int[] batch : counts) {
				for (int count : batch) {
					if (count != 0) {
						auditLogger.info(this.jsonMapper.writeValueAsString(entries.get(i).toMap()));
					}
					i++;
				}
			}
		}
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

	private void bind(PreparedStatement statement, Entry entry, boolean postgres) throws SQLException {
		statement.setObject(1, entry.event().eventId());
		statement.setObject(2, entry.event().createdAt().atOffset(ZoneOffset.UTC));
		statement.setString(3, entry.event().eventType());
		statement.setString(4, entry.action());
		setNullable(statement, 5, entry.event().resourceName());
		setNullable(statement, 6, entry.event().resourceId());
		setNullable(statement, 7, entry.event().tenant());
		setNullable(statement, 8, entry.userId());
		setNullable(statement, 9, entry.role());
		setNullable(statement, 10, entry.ip());
		setNullable(statement, 11, entry.userAgent());
		setNullable(statement, 12,
				(entry.changedFields() != null) ? this.jsonMapper.writeValueAsString(entry.changedFields()) : null);
		setNullable(statement, 13, entry.traceId());
		if (!postgres) {
			statement.setObject(14, entry.event().eventId());
		}
	}

	private static void setNullable(PreparedStatement statement, int index, @Nullable String value)
			throws SQLException {
		if (value != null) {
			statement.setString(index, value);
		}
		else {
			statement.setNull(index, Types.VARCHAR);
		}
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
