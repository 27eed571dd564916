package dev.eventstarter.capture;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the changes of one entity type become events.
 *
 * @param entityName the Hibernate entity name
 * @param resourceName the resource name of its events
 * @param idName the identifier attribute name, or {@code null} for a composite id without
 * one
 * @param attributes the captured attributes in declaration order, identifier excluded
 */
record EntityDescription(String entityName, String resourceName, @Nullable String idName,
		List<AttributeDescription> attributes) {

	String eventType(String action) {
		return this.resourceName + "." + action;
	}

}
