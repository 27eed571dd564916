package dev.eventstarter.sample.live;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import tools.jackson.databind.JsonNode;

/**
 * An event over HTTP, in the shape the SSE stream and webhooks send, so the live page
 * reads both the same way.
 *
 * @param id the {@code _events.id}, the SSE id
 * @param eventId the public event id
 * @param eventType the type, such as {@code posts.created}
 * @param resourceName the resource, or {@code null} for a custom event
 * @param resourceId the id of the record
 * @param createdAt when it occurred
 * @param dispatchedAt when it was dispatched, or {@code null}
 * @param data {@code {old, new, changes}} for CRUD events, else the payload
 * @param sessionVariables who caused it: {@code userId}, {@code role}, {@code ip},
 * {@code userAgent} and custom variables
 * @param traceContext the trace ids
 * @param tenant the tenant
 * @param source the emitting service
 * @param priority the priority
 * @param transactionId shared by the events of one transaction
 */
public record EventView(long id, UUID eventId, String eventType, String resourceName, String resourceId,
		Instant createdAt, Instant dispatchedAt, JsonNode data, Map<String, Object> sessionVariables,
		TraceContext traceContext, String tenant, String source, int priority, UUID transactionId) {

	public static EventView of(Event event) {
		return new EventView(event.id(), event.eventId(), event.eventType(), event.resourceName(), event.resourceId(),
				event.createdAt(), event.dispatchedAt(), event.data(), sessionVariables(event.sessionVariables()),
				event.traceContext(), event.tenant(), event.source(), event.priority(), event.transactionId());
	}

	private static Map<String, Object> sessionVariables(SessionVariables variables) {
		if (variables == null) {
			return null;
		}
		Map<String, Object> flat = new LinkedHashMap<>();
		flat.put("userId", variables.userId());
		flat.put("role", variables.role());
		flat.put("ip", variables.ip());
		flat.put("userAgent", variables.userAgent());
		flat.putAll(variables.custom());
		return flat;
	}

}
