package dev.eventstarter.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.eventstarter.Event;
import dev.eventstarter.TraceContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what another service received from a broker back into an {@link Event}: the event
 * JSON document, or an event's {@code data} with the envelope in headers. Both are what
 * the broker routes send; the headers are named here once for both brokers.
 */
public final class EventDocuments {

	/**
	 * The event id header (also the AMQP message id).
	 */
	public static final String EVENT_ID = "event-id";

	/**
	 * The event type header.
	 */
	public static final String EVENT_TYPE = "event-type";

	/**
	 * The resource name header, absent for an event without a resource.
	 */
	public static final String RESOURCE_NAME = "event-resource-name";

	/**
	 * The resource id header, absent for an event without a resource.
	 */
	public static final String RESOURCE_ID = "event-resource-id";

	/**
	 * The tenant header, absent without a tenant.
	 */
	public static final String TENANT = "event-tenant";

	/**
	 * The source header, absent without a source.
	 */
	public static final String SOURCE = "event-source";

	/**
	 * When the event occurred, ISO-8601.
	 */
	public static final String CREATED_AT = "event-created-at";

	/**
	 * The id of the transaction that wrote the event.
	 */
	public static final String TRANSACTION_ID = "event-transaction-id";

	/**
	 * What the value holds: {@value #EVENT_CONTENT} or {@value #DATA_CONTENT}.
	 */
	public static final String CONTENT_TYPE = "content-type";

	/**
	 * The W3C trace header continuing the trace that emitted the event.
	 */
	public static final String TRACEPARENT = "traceparent";

	/**
	 * The content type of a value that is the whole event document.
	 */
	public static final String EVENT_CONTENT = "application/vnd.eventstarter.event+json";

	/**
	 * The content type of a value that is the event's {@code data} alone.
	 */
	public static final String DATA_CONTENT = "application/json";

	private EventDocuments() {
	}

	/**
	 * The headers every sent event carries, in this order.
	 * @param event the event
	 * @param contentType {@link #EVENT_CONTENT} or {@link #DATA_CONTENT}
	 * @return the headers, absent values left out
	 */
	public static Map<String, String> headers(Event event, String contentType) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(EVENT_ID, event.eventId().toString());
		headers.put(EVENT_TYPE, event.eventType());
		putIfPresent(headers, RESOURCE_NAME, event.resourceName());
		putIfPresent(headers, RESOURCE_ID, event.resourceId());
		putIfPresent(headers, TENANT, event.tenant());
		putIfPresent(headers, SOURCE, event.source());
		headers.put(CREATED_AT, event.createdAt().toString());
		headers.put(TRANSACTION_ID, event.transactionId().toString());
		headers.put(CONTENT_TYPE, contentType);
		TraceContext trace = event.traceContext();
		putIfPresent(headers, TRACEPARENT, (trace != null) ? trace.traceparent() : null);
		return headers;
	}

	private static void putIfPresent(Map<String, String> headers, String name, @Nullable String value) {
		if (value != null) {
			headers.put(name, value);
		}
	}

	/**
	 * Read a received value back as an event: the event document when the content type
	 * header says so (or is absent and the value looks like one), else the event's
	 * {@code data} with the envelope taken from the headers.
	 * @param value the value as text
	 * @param header reads a header, {@code null} when absent
	 * @param jsonMapper reads the JSON
	 * @return the event
	 * @throws IllegalArgumentException naming what is missing or malformed
	 */
	public static Event read(String value, Function<String, @Nullable String> header, JsonMapper jsonMapper) {
		JsonNode root;
		try {
			root = jsonMapper.readTree(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The value is not JSON: " + ex.getOriginalMessage(), ex);
		}
		String contentType = header.apply(CONTENT_TYPE);
		boolean document = (contentType != null) ? contentType.startsWith(EVENT_CONTENT)
				: root.isObject() && root.has("eventId") && root.has("eventType") && root.has("data");
		return document ? fromDocument(root, jsonMapper) : fromHeaders(root, header, jsonMapper);
	}

	private static Event fromDocument(JsonNode root, JsonMapper jsonMapper) {
		Function<String, @Nullable String> field = (name) -> {
			JsonNode node = root.get(name);
			return (node == null || node.isNull()) ? null : node.asString();
		};
		PendingEvent row = new PendingEvent(uuid(required(field, "eventId", "field"), "eventId"),
				required(field, "eventType", "field"), field.apply("resourceName"), field.apply("resourceId"),
				instant(required(field, "createdAt", "field"), "createdAt"),
				instant(required(field, "createdAt", "field"), "createdAt"), root.path("priority").asInt(5),
				field.apply("tenant"), field.apply("source"), json(root.get("data")),
				jsonOrNull(root, "sessionVariables"), jsonOrNull(root, "traceContext"),
				uuid(required(field, "transactionId", "field"), "transactionId"), null);
		String dispatchedAt = field.apply("dispatchedAt");
		String erasedAt = field.apply("erasedAt");
		return new StoredEvent(root.path("id").asLong(0), row,
				(dispatchedAt != null) ? instant(dispatchedAt, "dispatchedAt") : null,
				(erasedAt != null) ? instant(erasedAt, "erasedAt") : null, jsonMapper);
	}

	private static Event fromHeaders(JsonNode data, Function<String, @Nullable String> header, JsonMapper jsonMapper) {
		String traceparent = header.apply(TRACEPARENT);
		String[] trace = (traceparent != null) ? traceparent.split("-") : new String[0];
		String traceContext = (trace.length == 4) ? jsonMapper
			.writeValueAsString(new TraceContext(trace[1], trace[2], null, null, null, "01".equals(trace[3]))) : null;
		String createdAt = required(header, CREATED_AT, "header");
		PendingEvent row = new PendingEvent(uuid(required(header, EVENT_ID, "header"), EVENT_ID),
				required(header, EVENT_TYPE, "header"), header.apply(RESOURCE_NAME), header.apply(RESOURCE_ID),
				instant(createdAt, CREATED_AT), instant(createdAt, CREATED_AT), 5, header.apply(TENANT),
				header.apply(SOURCE), json(data), null, traceContext,
				uuid(required(header, TRANSACTION_ID, "header"), TRANSACTION_ID), null);
		return new StoredEvent(0, row, null, jsonMapper);
	}

	private static String required(Function<String, @Nullable String> source, String name, String kind) {
		String value = source.apply(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(
					"The event has no " + name + " " + kind + "; was it sent by an event-starter broker route?");
		}
		return value;
	}

	private static UUID uuid(String value, String name) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + " '" + value + "' is not a UUID", ex);
		}
	}

	private static Instant instant(String value, String name) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + " '" + value + "' is not an ISO-8601 instant", ex);
		}
	}

	private static String json(@Nullable JsonNode node) {
		return (node == null) ? "null" : node.toString();
	}

	private static @Nullable String jsonOrNull(JsonNode root, String name) {
		JsonNode node = root.get(name);
		return (node == null || node.isNull()) ? null : node.toString();
	}

}
