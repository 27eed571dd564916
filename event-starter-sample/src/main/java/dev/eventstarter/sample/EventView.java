package dev.eventstarter.sample;

import java.time.Instant;
import java.util.UUID;

import dev.eventstarter.Event;
import tools.jackson.databind.JsonNode;

/**
 * How the sample shows an event over HTTP.
 */
record EventView(long id, UUID eventId, String eventType, String resourceName, String resourceId, Instant createdAt,
		Instant dispatchedAt, JsonNode data, String source, int priority, UUID transactionId) {

	static EventView of(Event event) {
		return new EventView(event.id(), event.eventId(), event.eventType(), event.resourceName(), event.resourceId(),
				event.createdAt(), event.dispatchedAt(), event.data(), event.source(), event.priority(),
				event.transactionId());
	}

}
