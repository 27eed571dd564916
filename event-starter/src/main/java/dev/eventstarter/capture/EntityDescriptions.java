package dev.eventstarter.capture;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.eventstarter.EventIgnore;
import dev.eventstarter.Masked;
import dev.eventstarter.Tracked;
import dev.eventstarter.Untracked;
import dev.eventstarter.store.EventTypes;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.ComponentType;
import org.hibernate.type.Type;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Describes, once per entity type, which attributes its events show and how.
 */
final class EntityDescriptions {

	private final CapturedEntities capturedEntities;

	private final Map<EntityPersister, Optional<EntityDescription>> descriptions = new ConcurrentHashMap<>();

	EntityDescriptions(CapturedEntities capturedEntities) {
		this.capturedEntities = capturedEntities;
	}

	/**
	 * Describe an entity type.
	 * @param persister the entity's persister
	 * @return the description, or {@code null} when the entity is not captured
	 * @throws IllegalStateException if the entity cannot be captured as mapped
	 */
	@Nullable EntityDescription describe(EntityPersister persister) {
		return this.descriptions.computeIfAbsent(persister, (key) -> Optional.ofNullable(create(key))).orElse(null);
	}

	private @Nullable EntityDescription create(EntityPersister persister) {
		Class<?> entityClass = persister.getMappedClass();
		if (entityClass == null || AnnotatedElementUtils.hasAnnotation(entityClass, Untracked.class)) {
			return null;
		}
		Tracked tracked = AnnotatedElementUtils.findMergedAnnotation(entityClass, Tracked.class);
		if (tracked == null && this.capturedEntities == CapturedEntities.ANNOTATED) {
			return null;
		}
		String resourceName = resourceName(persister, tracked);
		String idName = persister.getIdentifierPropertyName();
		int versionIndex = persister.isVersioned() ? persister.getVersionPropertyIndex() : -1;
		List<AttributeDescription> attributes = attributes(entityClass, persister.getPropertyNames(),
				persister.getPropertyTypes(), versionIndex);
		return new EntityDescription(persister.getEntityName(), resourceName, idName, attributes);
	}

	private static String resourceName(EntityPersister persister, @Nullable Tracked tracked) {
		String named = (tracked != null && StringUtils.hasText(tracked.resource())) ? tracked.resource() : null;
		String resourceName = (named != null) ? named : tableName(persister.getTableName());
		try {
			return EventTypes.requireValidResourceName(resourceName);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot capture changes of entity " + persister.getEntityName() + ": "
					+ ex.getMessage() + ". "
					+ ((named != null) ? "Fix @Tracked(resource = …)." : "Name it with @Tracked(resource = \"…\")."));
		}
	}

	private static String tableName(String qualifiedTableName) {
		String tableName = qualifiedTableName.substring(qualifiedTableName.lastIndexOf('.') + 1);
		return tableName.replaceAll("[\"`\\[\\]]", "").toLowerCase(Locale.ROOT);
	}

	private static List<AttributeDescription> attributes(Class<?> type, String[] names, Type[] types,
			int versionIndex) {
		List<String> declared = declaredFieldNames(type);
		List<AttributeDescription> attributes = new ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			AttributeDescription attribute = attribute(type, names[i], i, types[i], i == versionIndex);
			if (attribute != null) {
				attributes.add(attribute);
			}
		}
		attributes.sort(Comparator.comparingInt((attribute) -> declarationIndex(declared, attribute.name())));
		return List.copyOf(attributes);
	}

	private static @Nullable AttributeDescription attribute(Class<?> owner, String name, int index, Type type,
			boolean version) {
		if (name.startsWith("_") || type.isCollectionType() || type.isAnyType()
				|| isAnnotated(owner, name, EventIgnore.class)) {
			return null;
		}
		boolean masked = isAnnotated(owner, name, Masked.class);
		if (type instanceof ComponentType component && !masked) {
			return new AttributeDescription(name, index, AttributeDescription.Kind.EMBEDDED, false, false, type,
					attributes(component.getReturnedClass(), component.getPropertyNames(), component.getSubtypes(),
							-1));
		}
		AttributeDescription.Kind kind = type.isEntityType() ? AttributeDescription.Kind.ASSOCIATION
				: AttributeDescription.Kind.BASIC;
		return new AttributeDescription(name, index, kind, masked, version, type, List.of());
	}

	private static boolean isAnnotated(Class<?> owner, String name, Class<? extends Annotation> annotation) {
		Field field = ReflectionUtils.findField(owner, name);
		if (field != null && AnnotatedElementUtils.hasAnnotation(field, annotation)) {
			return true;
		}
		String property = StringUtils.capitalize(name);
		for (String getter : List.of("get" + property, "is" + property, name)) {
			Method method = ReflectionUtils.findMethod(owner, getter);
			if (method != null && AnnotatedElementUtils.hasAnnotation(method, annotation)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> declaredFieldNames(Class<?> type) {
		List<Class<?>> hierarchy = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			hierarchy.add(0, current);
		}
		List<String> names = new ArrayList<>();
		for (Class<?> current : hierarchy) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					names.add(field.getName());
				}
			}
		}
		return names;
	}

	private static int declarationIndex(List<String> declared, String name) {
		int index = declared.indexOf(name);
		return (index >= 0) ? index : Integer.MAX_VALUE;
	}

}
