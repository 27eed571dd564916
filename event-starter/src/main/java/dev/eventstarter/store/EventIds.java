package dev.eventstarter.store;

import java.util.UUID;

import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * Time-ordered (version 7) UUIDs for event and transaction ids, so that the unique index
 * on {@code event_id} grows at its right edge like the primary key does.
 */
final class EventIds {

	private EventIds() {
	}

	static UUID next() {
		return UuidVersion7Strategy.INSTANCE.generateUuid(null);
	}

}
