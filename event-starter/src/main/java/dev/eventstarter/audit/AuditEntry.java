package dev.eventstarter.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventstarter.Changes;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audited event, read from the event: who, where, what changed, in which trace.
 *
 * @param event the event
 * @param action the last part of its type
 * @param userId the user of its session variables
 * @param role the role of its session variables
 * @param ip the client address of its session variables
 * @param userAgent the user agent of its session variables
 * @param changedFields the names of the attributes a change of an entity added, updated
 * or removed; {@code null} for other events
 * @param traceId the trace it was recorded in
 */
record AuditEntry(Event event, String action, @Nullable String userId, @Nullable String role, @Nullable String ip,
		@Nullable String userAgent, @Nullable List<String> changedFields, @Nullable String traceId) {

	static AuditEntry of(Event event) {
		String type = event.eventType();
		String action = type.substring(type.lastIndexOf('.') + 1);
		SessionVariables session = event.sessionVariables();
		TraceContext trace = event.traceContext();
		return new AuditEntry(event, action, (session != null) ? session.userId() : null,
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

	/**
	 * The row's values in the order of its columns: event id, occurred at, event type,
	 * action, resource name and id, tenant, user id, role, ip, user agent, changed fields
	 * (JSON text), trace id.
	 */
	@Nullable Object[] values(JsonMapper jsonMapper) {
		return new @Nullable Object[] { this.event.eventId(), this.event.createdAt(), this.event.eventType(),
				this.action, this.event.resourceName(), this.event.resourceId(), this.event.tenant(), this.userId,
				this.role, this.ip, this.userAgent,
				(this.changedFields != null) ? jsonMapper.writeValueAsString(this.changedFields) : null, this.traceId };
	}

	/**
	 * The fields of its log line.
	 */
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
