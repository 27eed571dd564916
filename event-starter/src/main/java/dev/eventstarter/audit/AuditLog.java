package dev.eventstarter.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.eventstarter.Changes;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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
final class AuditLog {

	/**
	 * The logger each audited event is written to, at INFO.
	 */
	static final String LOGGER_NAME = "dev.eventstarter.audit";

	/**
	 * The subscriber id of its deliveries.
	 */
	static final String SUBSCRIBER_ID = "audit-log";

	private static final Log auditLogger = LogFactory.getLog(LOGGER_NAME);

	private final AuditRows rows;

	private final JsonMapper jsonMapper;

	/**
	 * Create an audit log.
	 * @param rows the rows of {@code _audit_log}
	 * @param jsonMapper writes the changed fields and the log lines
	 */
	AuditLog(AuditRows rows, JsonMapper jsonMapper) {
		this.rows = rows;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Record events, each once.
	 * @param events the events
	 */
	void record(List<Event> events) {
		List<Entry> entries = events.stream().map(Entry::of).toList();
		Set<UUID> written = this.rows.insert(entries.stream().map(this::values).toList());
		if (auditLogger.isInfoEnabled()) {
			for (Entry entry : entries) {
				if (written.contains(entry.event().eventId())) {
					auditLogger.info(this.jsonMapper.writeValueAsString(entry.toMap()));
				}
			}
		}
	}

	/**
	 * Delete up to {@code limit} rows older than the cutoff.
	 * @return how many were deleted
	 */
	int purge(Instant cutoff, int limit) {
		return this.rows.purge(cutoff, limit);
	}

	private @Nullable Object[] values(Entry entry) {
		Event event = entry.event();
		return new @Nullable Object[] { event.eventId(), event.createdAt(), event.eventType(), entry.action(),
				event.resourceName(), event.resourceId(), event.tenant(), entry.userId(), entry.role(), entry.ip(),
				entry.userAgent(),
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
