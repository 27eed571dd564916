package dev.eventstarter.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.proxy.LazyInitializer;
import org.hibernate.type.ComponentType;
import org.hibernate.type.EntityType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the {@code data} of CRUD events, {@code {"old": …, "new": …, "changes": …}},
 * straight from Hibernate's state arrays with one JSON generator per event.
 */
final class EntityStateJson {

	private static final String MASK = "***";

	// Jackson suggests disabling FAIL_ON_EMPTY_BEANS, which would lose the value
	private static final Pattern JACKSON_ADVICE = Pattern.compile("\\s*\\(to avoid exception.*\\)", Pattern.DOTALL);

	private final JsonMapper jsonMapper;

	EntityStateJson(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	String created(EntityDescription entity, Object id, Object[] state, SharedSessionContractImplementor session) {
		return write(entity, id, null, state, null, session);
	}

	/**
	 * The data of an update, or {@code null} when no captured attribute changed.
	 */
	@Nullable String updated(EntityDescription entity, Object id, Object @Nullable [] oldState, Object[] state,
			int @Nullable [] dirtyProperties, SharedSessionContractImplementor session) {
		List<String> updated = new ArrayList<>();
		boolean versionOnly = true;
		for (AttributeDescription attribute : entity.attributes()) {
			if (oldState != null ? changed(attribute, oldState[attribute.index()], state[attribute.index()])
					: isDirty(attribute, dirtyProperties)) {
				updated.add(attribute.name());
				versionOnly = versionOnly && attribute.version();
			}
		}
		return (updated.isEmpty() || versionOnly) ? null : write(entity, id, oldState, state, updated, session);
	}

	String deleted(EntityDescription entity, Object id, Object @Nullable [] deletedState,
			SharedSessionContractImplementor session) {
		return write(entity, id, (deletedState != null) ? deletedState : new Object[0], null, null, session);
	}

	private String write(EntityDescription entity, Object id, Object @Nullable [] oldState,
			Object @Nullable [] newState, @Nullable List<String> updated, SharedSessionContractImplementor session) {
		StringBuilderWriter json = new StringBuilderWriter(512);
		try (JsonGenerator generator = this.jsonMapper.createGenerator(json)) {
			generator.writeStartObject();
			generator.writeName("old");
			List<String> removed = writeState(generator, entity, id, oldState, session);
			generator.writeName("new");
			List<String> added = writeState(generator, entity, id, newState, session);
			generator.writeName("changes");
			generator.writeStartObject();
			writeNames(generator, "added", (oldState == null) ? added : List.of());
			writeNames(generator, "updated", (updated != null) ? updated : List.of());
			writeNames(generator, "removed", (newState == null) ? removed : List.of());
			generator.writeEndObject();
			generator.writeEndObject();
		}
		return json.toString();
	}

	private List<String> writeState(JsonGenerator generator, EntityDescription entity, Object id,
			Object @Nullable [] state, SharedSessionContractImplementor session) {
		if (state == null) {
			generator.writeNull();
			return List.of();
		}
		List<String> names = new ArrayList<>(entity.attributes().size() + 1);
		generator.writeStartObject();
		if (entity.idName() != null) {
			generator.writeName(entity.idName());
			writeValue(generator, entity, entity.idName(), id);
			names.add(entity.idName());
		}
		else if (this.jsonMapper.valueToTree(id) instanceof ObjectNode idAttributes) {
			for (Map.Entry<String, JsonNode> idAttribute : idAttributes.properties()) {
				generator.writeName(idAttribute.getKey());
				generator.writeTree(idAttribute.getValue());
				names.add(idAttribute.getKey());
			}
		}
		for (AttributeDescription attribute : entity.attributes()) {
			if (attribute.index() < state.length && writeAttribute(generator, entity, attribute, attribute.name(),
					state[attribute.index()], session)) {
				names.add(attribute.name());
			}
		}
		generator.writeEndObject();
		return names;
	}

	private boolean writeAttribute(JsonGenerator generator, EntityDescription entity, AttributeDescription attribute,
			String path, @Nullable Object value, SharedSessionContractImplementor session) {
		if (value == LazyPropertyInitializer.UNFETCHED_PROPERTY) {
			return false;
		}
		generator.writeName(attribute.name());
		if (value == null) {
			generator.writeNull();
		}
		else if (attribute.masked()) {
			generator.writeString(MASK);
		}
		else if (attribute.kind() == AttributeDescription.Kind.EMBEDDED) {
			Object[] values = ((ComponentType) attribute.type()).getPropertyValues(value);
			generator.writeStartObject();
			for (AttributeDescription component : attribute.components()) {
				writeAttribute(generator, entity, component, path + "." + component.name(), values[component.index()],
						session);
			}
			generator.writeEndObject();
		}
		else if (attribute.kind() == AttributeDescription.Kind.ASSOCIATION) {
			writeValue(generator, entity, path, associatedId((EntityType) attribute.type(), value, session));
		}
		else {
			writeValue(generator, entity, path, value);
		}
		return true;
	}

	private void writeValue(JsonGenerator generator, EntityDescription entity, String path, Object value) {
		try {
			generator.writePOJO(value);
		}
		catch (JacksonException ex) {
			String reason = JACKSON_ADVICE.matcher(ex.getOriginalMessage()).replaceAll("");
			throw new EventCaptureException("Cannot capture a change of entity " + entity.entityName() + ": attribute '"
					+ path + "' of type " + value.getClass().getName() + " cannot be written as JSON (" + reason
					+ "). Leave it out with @EventIgnore, hide it with @Masked, or make the type serializable by Jackson.",
					ex);
		}
	}

	private static Object associatedId(EntityType type, Object value, SharedSessionContractImplementor session) {
		LazyInitializer lazyInitializer = HibernateProxy.extractLazyInitializer(value);
		if (lazyInitializer != null) {
			return lazyInitializer.getInternalIdentifier();
		}
		return type.getAssociatedEntityPersister(session.getFactory()).getIdentifier(value, session);
	}

	private static void writeNames(JsonGenerator generator, String field, List<String> names) {
		generator.writeName(field);
		generator.writeStartArray();
		for (String name : names) {
			generator.writeString(name);
		}
		generator.writeEndArray();
	}

	private static boolean changed(AttributeDescription attribute, @Nullable Object oldValue,
			@Nullable Object newValue) {
		if (oldValue == LazyPropertyInitializer.UNFETCHED_PROPERTY
				|| newValue == LazyPropertyInitializer.UNFETCHED_PROPERTY) {
			return false;
		}
		if (attribute.kind() != AttributeDescription.Kind.EMBEDDED || oldValue == null || newValue == null) {
			return !attribute.type().isEqual(oldValue, newValue);
		}
		ComponentType type = (ComponentType) attribute.type();
		Object[] oldValues = type.getPropertyValues(oldValue);
		Object[] newValues = type.getPropertyValues(newValue);
		for (AttributeDescription component : attribute.components()) {
			if (changed(component, oldValues[component.index()], newValues[component.index()])) {
				return true;
			}
		}
		return false;
	}

	private static boolean isDirty(AttributeDescription attribute, int @Nullable [] dirtyProperties) {
		if (dirtyProperties == null) {
			return true;
		}
		for (int dirty : dirtyProperties) {
			if (dirty == attribute.index()) {
				return true;
			}
		}
		return false;
	}

}
