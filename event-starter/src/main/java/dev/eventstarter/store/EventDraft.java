package dev.eventstarter.store;

import dev.eventstarter.EmitOptions;
import org.jspecify.annotations.Nullable;

/**
 * What an emitter knows about an event before it is recorded in a transaction, checked
 * and serialized.
 *
 * @param eventType the type, already validated
 * @param resourceName the resource name, or {@code null}
 * @param resourceId the resource id, or {@code null}
 * @param data the data as JSON
 * @param metadata the metadata as JSON, or {@code null}
 * @param options the emit options
 */
public record EventDraft(String eventType, @Nullable String resourceName, @Nullable String resourceId, String data,
		@Nullable String metadata, EmitOptions options) {

	/**
	 * A draft with default options and no metadata, as entity capture produces.
	 * @param eventType the type
	 * @param resourceName the resource name
	 * @param resourceId the resource id
	 * @param data the data as JSON
	 * @return the draft
	 */
	public static EventDraft of(String eventType, String resourceName, String resourceId, String data) {
		return new EventDraft(eventType, resourceName, resourceId, data, null, EmitOptions.defaults());
	}

}
