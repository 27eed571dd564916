package dev.eventstarter;

import java.util.List;

/**
 * Attribute names a CRUD event touched, in entity attribute order.
 *
 * @param added attributes of a created resource (every attribute)
 * @param updated attributes whose value an update changed
 * @param removed attributes of a deleted resource (every attribute)
 */
public record Changes(List<String> added, List<String> updated, List<String> removed) {

	/**
	 * No attribute touched.
	 */
	public static final Changes NONE = new Changes(List.of(), List.of(), List.of());

	public Changes {
		added = List.copyOf(added);
		updated = List.copyOf(updated);
		removed = List.copyOf(removed);
	}

}
