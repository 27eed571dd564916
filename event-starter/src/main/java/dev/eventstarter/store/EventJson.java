package dev.eventstarter.store;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the JSON columns of events the application emits, turning serialization failures
 * into {@link IllegalArgumentException}s that name the argument.
 */
public final class EventJson {

	// bytes of an event document of a few changed columns
	private static final int DOCUMENT_SIZE = 2048;

	private final JsonMapper jsonMapper;

	/**
	 * Create an instance writing with the application's mapper, always compact, and
	 * failing on values whose properties Jackson cannot see: Jackson 3 would otherwise
	 * write them as {@code {}} and the event would silently lose them.
	 * @param jsonMapper the application's mapper
	 */
	public EventJson(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper.rebuild()
			.disable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build();
	}

	/**
	 * The mapper events are written and read with.
	 * @return the compact mapper
	 */
	public JsonMapper mapper() {
		return this.jsonMapper;
	}

	/**
	 * An event as the JSON document that webhooks post, SSE streams send and logs show:
	 * {@code id, eventId, eventType, resourceName, resourceId, createdAt, dispatchedAt,
	 * data, sessionVariables, traceContext, tenant, source, priority, transactionId}, and
	 * {@code erasedAt} after them only for an erased event: the document of every other
	 * event stays as it was before erasure existed.
	 * @param event the event
	 * @return the document
	 */
	public String document(Event event) {
		// sized for a typical event, so that the buffer rarely grows
		StringWriter document = new StringWriter(DOCUMENT_SIZE);
		try (JsonGenerator json = this.jsonMapper.createGenerator(document)) {
			write(event, json);
		}
		return document.toString();
	}

	/**
	 * The {@link #document(Event) document} as UTF-8, written as bytes: what the broker
	 * routes send. Going through a {@code String} grew a buffer twice and copied the
	 * document twice more, a fifth of a Kafka route's delivery thread.
	 * @param event the event
	 * @return the document's bytes
	 */
	public byte[] documentBytes(Event event) {
		ByteArrayOutputStream document = new ByteArrayOutputStream(DOCUMENT_SIZE);
		try (JsonGenerator json = this.jsonMapper.createGenerator(document)) {
			write(event, json);
		}
		return document.toByteArray();
	}

	private void write(Event event, JsonGenerator json) {
		// written as it goes rather than built as a map: the data of a stored event is
		// copied from its text, token by token, instead of parsed into a tree and
		// written back, which was most of what a broker route spent per event
		json.writeStartObject();
		json.writeNumberProperty("id", event.id());
		json.writePOJOProperty("eventId", event.eventId());
		json.writePOJOProperty("eventType", event.eventType());
		json.writePOJOProperty("resourceName", event.resourceName());
		json.writePOJOProperty("resourceId", event.resourceId());
		json.writePOJOProperty("createdAt", event.createdAt());
		json.writePOJOProperty("dispatchedAt", event.dispatchedAt());
		json.writeName("data");
		if (event instanceof StoredEvent stored) {
			try (JsonParser data = this.jsonMapper.createParser(stored.dataText())) {
				data.nextToken();
				json.copyCurrentStructure(data);
			}
		}
		else {
			json.writePOJO(event.data());
		}
		json.writePOJOProperty("sessionVariables", sessionVariables(event.sessionVariables()));
		json.writePOJOProperty("traceContext", event.traceContext());
		json.writePOJOProperty("tenant", event.tenant());
		json.writePOJOProperty("source", event.source());
		json.writeNumberProperty("priority", event.priority());
		json.writePOJOProperty("transactionId", event.transactionId());
		if (event.erasedAt() != null) {
			json.writePOJOProperty("erasedAt", event.erasedAt());
		}
		json.writeEndObject();
	}

	/**
	 * Session variables in their JSON shape: the standard keys, then the custom ones at
	 * the same level.
	 * @param variables the variables, or {@code null}
	 * @return the JSON object as a map, or {@code null}
	 */
	static @Nullable Map<String, @Nullable Object> sessionVariables(@Nullable SessionVariables variables) {
		if (variables == null) {
			return null;
		}
		Map<String, @Nullable Object> flat = new LinkedHashMap<>();
		flat.put("userId", variables.userId());
		flat.put("role", variables.role());
		flat.put("ip", variables.ip());
		flat.put("userAgent", variables.userAgent());
		flat.putAll(variables.custom());
		return flat;
	}

	/**
	 * The data of a custom event.
	 * @param payload the payload, or {@code null}
	 * @return the payload as JSON
	 */
	public String payload(@Nullable Object payload) {
		try {
			return this.jsonMapper.writeValueAsString(payload);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The payload of type " + ((payload != null) ? payload.getClass().getName() : "null")
							+ " cannot be written as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * The data of a CRUD event emitted by the application, with its changes derived from
	 * the states.
	 * @param oldState the state before, or {@code null} for a created resource
	 * @param newState the state after, or {@code null} for a deleted resource
	 * @return {@code {"old": …, "new": …, "changes": …}} as JSON
	 */
	public String crudData(@Nullable Object oldState, @Nullable Object newState) {
		ObjectNode oldNode = (oldState != null) ? stateObject("oldState", oldState) : null;
		ObjectNode newNode = (newState != null) ? stateObject("newState", newState) : null;
		ObjectNode data = this.jsonMapper.createObjectNode();
		data.set("old", oldNode);
		data.set("new", newNode);
		ObjectNode changes = data.putObject("changes");
		changes.set("added", names((oldNode == null && newNode != null) ? fieldNames(newNode) : List.of()));
		changes.set("updated",
				names((oldNode != null && newNode != null) ? changedFields(oldNode, newNode) : List.of()));
		changes.set("removed", names((oldNode != null && newNode == null) ? fieldNames(oldNode) : List.of()));
		return this.jsonMapper.writeValueAsString(data);
	}

	/**
	 * The metadata column: retry options and custom metadata.
	 * @param options the emit options
	 * @return the metadata as JSON, or {@code null} when there is none
	 */
	public @Nullable String metadata(EmitOptions options) {
		if (options.metadata().isEmpty() && options.maxAttempts() == null && options.backoff() == null) {
			return null;
		}
		Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
		if (options.maxAttempts() != null) {
			metadata.put("maxAttempts", options.maxAttempts());
		}
		if (options.backoff() != null) {
			metadata.put("backoff", options.backoff().name());
		}
		metadata.putAll(options.metadata());
		try {
			return this.jsonMapper.writeValueAsString(metadata);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The metadata cannot be written as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * A resource id as stored in {@code resource_id}: scalars as their JSON text value,
	 * composite ids as compact JSON.
	 * @param resourceId the id
	 * @return the id as a string
	 */
	public String resourceId(Object resourceId) {
		Objects.requireNonNull(resourceId, "resourceId must not be null");
		if (resourceId instanceof CharSequence || resourceId instanceof Number || resourceId instanceof Boolean) {
			return resourceId.toString();
		}
		JsonNode node;
		try {
			node = this.jsonMapper.valueToTree(resourceId);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The resource id of type " + resourceId.getClass().getName()
					+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		return node.isValueNode() ? node.asString() : this.jsonMapper.writeValueAsString(node);
	}

	private ObjectNode stateObject(String argument, Object state) {
		JsonNode node;
		try {
			node = this.jsonMapper.valueToTree(state);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The " + argument + " of type " + state.getClass().getName()
					+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(node instanceof ObjectNode object)) {
			throw new IllegalArgumentException(
					"The " + argument + " must be written as a JSON object (a Map or a bean), " + "but "
							+ state.getClass().getName() + " is written as " + node.getNodeType());
		}
		return object;
	}

	private ArrayNode names(List<String> names) {
		ArrayNode array = this.jsonMapper.createArrayNode();
		names.forEach(array::add);
		return array;
	}

	private static List<String> fieldNames(ObjectNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	private static List<String> changedFields(ObjectNode oldNode, ObjectNode newNode) {
		List<String> changed = new ArrayList<>();
		for (String name : newNode.propertyNames()) {
			if (!Objects.equals(oldNode.get(name), newNode.get(name))) {
				changed.add(name);
			}
		}
		for (String name : oldNode.propertyNames()) {
			if (!newNode.has(name)) {
				changed.add(name);
			}
		}
		return changed;
	}

}
