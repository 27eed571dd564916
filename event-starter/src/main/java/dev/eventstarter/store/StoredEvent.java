package dev.eventstarter.store;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.eventstarter.Changes;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link Event} backed by the JSON text of its columns, parsed on first use.
 */
public final class StoredEvent implements Event {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final Set<String> CRUD_ACTIONS = Set.of("created", "updated", "deleted");

	private static final Set<String> SESSION_KEYS = Set.of("userId", "role", "ip", "userAgent");

	private final long id;

	private final PendingEvent row;

	private final @Nullable Instant dispatchedAt;

	private final @Nullable Instant erasedAt;

	private final JsonMapper jsonMapper;

	private volatile @Nullable JsonNode data;

	/**
	 * Create an event from a row.
	 * @param id the {@code _events.id} value, {@code 0} when not yet written
	 * @param row the other columns
	 * @param dispatchedAt the {@code dispatched_at} value
	 * @param jsonMapper reads the JSON columns
	 */
	public StoredEvent(long id, PendingEvent row, @Nullable Instant dispatchedAt, JsonMapper jsonMapper) {
		this(id, row, dispatchedAt, null, jsonMapper);
	}

	/**
	 * Create an event from a row whose personal data may have been erased.
	 * @param id the {@code _events.id} value, {@code 0} when not yet written
	 * @param row the other columns
	 * @param dispatchedAt the {@code dispatched_at} value
	 * @param erasedAt the {@code erased_at} value
	 * @param jsonMapper reads the JSON columns
	 */
	public StoredEvent(long id, PendingEvent row, @Nullable Instant dispatchedAt, @Nullable Instant erasedAt,
			JsonMapper jsonMapper) {
		this.id = id;
		this.row = row;
		this.dispatchedAt = dispatchedAt;
		this.erasedAt = erasedAt;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public UUID eventId() {
		return this.row.eventId();
	}

	@Override
	public String eventType() {
		return this.row.eventType();
	}

	@Override
	public @Nullable String resourceName() {
		return this.row.resourceName();
	}

	@Override
	public @Nullable String resourceId() {
		return this.row.resourceId();
	}

	@Override
	public Instant createdAt() {
		return this.row.createdAt();
	}

	@Override
	public @Nullable Instant dispatchedAt() {
		return this.dispatchedAt;
	}

	@Override
	public @Nullable Instant erasedAt() {
		return this.erasedAt;
	}

	@Override
	public JsonNode data() {
		JsonNode data = this.data;
		if (data == null) {
			data = this.jsonMapper.readTree(this.row.data());
			this.data = data;
		}
		return data;
	}

	/**
	 * The {@code data} column as it was read.
	 * @return the JSON text
	 */
	String dataText() {
		return this.row.data();
	}

	@Override
	public @Nullable Map<String, Object> oldState() {
		return isCrud() ? state("old") : null;
	}

	@Override
	public @Nullable Map<String, Object> newState() {
		return isCrud() ? state("new") : null;
	}

	@Override
	public Changes changes() {
		if (!isCrud()) {
			return Changes.NONE;
		}
		JsonNode changes = data().path("changes");
		return new Changes(names(changes.path("added")), names(changes.path("updated")),
				names(changes.path("removed")));
	}

	@Override
	public @Nullable SessionVariables sessionVariables() {
		if (this.row.sessionVariables() == null) {
			return null;
		}
		Map<String, Object> variables = this.jsonMapper.readValue(this.row.sessionVariables(), MAP);
		Map<String, Object> custom = new LinkedHashMap<>(variables);
		custom.keySet().removeAll(SESSION_KEYS);
		return new SessionVariables(text(variables, "userId"), text(variables, "role"), text(variables, "ip"),
				text(variables, "userAgent"), custom);
	}

	@Override
	public @Nullable TraceContext traceContext() {
		if (this.row.traceContext() == null) {
			return null;
		}
		Map<String, Object> trace = this.jsonMapper.readValue(this.row.traceContext(), MAP);
		return new TraceContext(text(trace, "traceId"), text(trace, "spanId"), text(trace, "parentSpanId"),
				text(trace, "requestId"), text(trace, "correlationId"),
				(trace.get("sampled") instanceof Boolean sampled) ? sampled : null);
	}

	@Override
	public @Nullable String tenant() {
		return this.row.tenant();
	}

	@Override
	public @Nullable String source() {
		return this.row.source();
	}

	@Override
	public int priority() {
		return this.row.priority();
	}

	@Override
	public UUID transactionId() {
		return this.row.transactionId();
	}

	/**
	 * The metadata column: retry options and custom metadata.
	 * @return the metadata, empty when there is none
	 */
	public Map<String, Object> metadata() {
		return (this.row.metadata() != null) ? this.jsonMapper.readValue(this.row.metadata(), MAP) : Map.of();
	}

	@Override
	public <T> @Nullable T payload(Class<T> type) {
		return payload((Type) type);
	}

	/**
	 * The payload mapped to a possibly generic type, such as {@code List<Post>}.
	 * @param <T> the payload type
	 * @param type the type to map to
	 * @return the mapped payload, or {@code null} when there is none
	 * @throws IllegalArgumentException if the payload does not map to {@code type}
	 */
	public <T> @Nullable T payload(Type type) {
		JsonNode payload = isCrud() ? data().path(eventType().endsWith(".deleted") ? "old" : "new") : data();
		if (payload.isNull() || payload.isMissingNode()) {
			return null;
		}
		try {
			// a payload type usually shows a part of the state: unknown attributes are
			// not an error
			return this.jsonMapper.readerFor(this.jsonMapper.constructType(type))
				.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.readValue(payload);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The payload of " + eventType() + " event " + eventId()
					+ " does not map to " + type.getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	private boolean isCrud() {
		String resourceName = this.row.resourceName();
		String type = this.row.eventType();
		return resourceName != null && type.length() > resourceName.length() + 1 && type.startsWith(resourceName)
				&& type.charAt(resourceName.length()) == '.'
				&& CRUD_ACTIONS.contains(type.substring(resourceName.length() + 1));
	}

	private @Nullable Map<String, Object> state(String name) {
		JsonNode state = data().path(name);
		return state.isObject() ? this.jsonMapper.convertValue(state, MAP) : null;
	}

	private static List<String> names(JsonNode array) {
		List<String> names = new ArrayList<>(array.size());
		array.forEach((name) -> names.add(name.asString()));
		return names;
	}

	private static @Nullable String text(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value != null) ? value.toString() : null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof StoredEvent event && event.eventId().equals(eventId());
	}

	@Override
	public int hashCode() {
		return eventId().hashCode();
	}

	@Override
	public String toString() {
		return "Event[" + eventType() + " " + eventId() + ((this.id != 0) ? " #" + this.id : "")
				+ ((resourceId() != null) ? " " + resourceName() + "/" + resourceId() : "") + "]";
	}

}
