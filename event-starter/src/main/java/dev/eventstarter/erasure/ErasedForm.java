package dev.eventstarter.erasure;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The erased form of an event's JSON columns, computed in Java with the application's
 * mapper so that every database gets the same result and no JSON function of one of them
 * is needed.
 */
final class ErasedForm {

	private static final Set<String> CRUD_ACTIONS = Set.of("created", "updated", "deleted");

	private static final Set<String> STATES = Set.of("old", "new");

	private static final String CHANGES = "changes";

	private final JsonMapper jsonMapper;

	ErasedForm(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The data of an event without its values. A CRUD event keeps the attribute names of
	 * its states, each with a {@code null} value, and its {@code changes}, so the history
	 * still says what changed; any other event's payload becomes {@code null}.
	 * @param eventType the event type
	 * @param resourceName the resource name, or {@code null}
	 * @param data the {@code data} column
	 * @return the erased data as JSON
	 */
	String data(String eventType, @Nullable String resourceName, String data) {
		JsonNode root = this.jsonMapper.readTree(data);
		if (!isCrud(eventType, resourceName) || !(root instanceof ObjectNode crud)) {
			return "null";
		}
		ObjectNode erased = this.jsonMapper.createObjectNode();
		for (Map.Entry<String, JsonNode> property : crud.properties()) {
			String name = property.getKey();
			JsonNode value = property.getValue();
			if (CHANGES.equals(name)) {
				erased.set(name, value);
			}
			else if (STATES.contains(name) && value instanceof ObjectNode state) {
				ObjectNode names = erased.putObject(name);
				state.propertyNames().forEach(names::putNull);
			}
			else {
				erased.putNull(name);
			}
		}
		return this.jsonMapper.writeValueAsString(erased);
	}

	/**
	 * Whether erasing would change the data: compared as JSON, not as text, since
	 * PostgreSQL's {@code jsonb} and MariaDB keep their own spacing and key order.
	 * @param data the {@code data} column
	 * @param erased the erased form
	 * @return {@code true} when the data still holds values
	 */
	boolean differs(String data, String erased) {
		return !this.jsonMapper.readTree(data).equals(this.jsonMapper.readTree(erased));
	}

	/**
	 * Whether session variables name a user: the exact check behind every database's
	 * filter.
	 * @param sessionVariables the {@code session_variables} column, or {@code null}
	 * @param userId the user id
	 * @return {@code true} when their {@code userId} is the given one
	 */
	boolean isOf(@Nullable String sessionVariables, String userId) {
		if (sessionVariables == null) {
			return false;
		}
		JsonNode user = this.jsonMapper.readTree(sessionVariables).get("userId");
		return user != null && user.isValueNode() && !user.isNull() && user.asString().equals(userId);
	}

	private static boolean isCrud(String eventType, @Nullable String resourceName) {
		return resourceName != null && eventType.length() > resourceName.length() + 1
				&& eventType.startsWith(resourceName) && eventType.charAt(resourceName.length()) == '.'
				&& CRUD_ACTIONS.contains(eventType.substring(resourceName.length() + 1));
	}

}
