package dev.eventstarter.capture;

import java.util.List;

import org.hibernate.type.Type;

/**
 * One attribute of a captured entity or embeddable, as events show it.
 *
 * @param name the attribute name
 * @param index the attribute's position in Hibernate's state array (or in its
 * embeddable's values)
 * @param kind how its value is written
 * @param masked whether non-null values are written as {@code "***"}
 * @param version whether it is the entity's {@code @Version}, whose change alone is no
 * reason for an event
 * @param type the Hibernate type, used to compare old and new values
 * @param components the attributes of an embeddable, in declaration order; empty for
 * other kinds
 */
record AttributeDescription(String name, int index, Kind kind, boolean masked, boolean version, Type type,
		List<AttributeDescription> components) {

	enum Kind {

		/**
		 * A basic value, written as Jackson writes it.
		 */
		BASIC,

		/**
		 * An embeddable, written as a nested object.
		 */
		EMBEDDED,

		/**
		 * A to-one association, written as the referenced entity's id.
		 */
		ASSOCIATION

	}

}
