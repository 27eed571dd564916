package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import dev.eventstarter.store.StoredEvent;

/**
 * The event rows the dispatcher reads back and deletes.
 */
interface EventRows {

	/**
	 * Read events by id.
	 * @return the events found, by id
	 */
	Map<Long, StoredEvent> byIds(Collection<Long> ids);

	/**
	 * Delete up to {@code limit} events dispatched before the cutoff whose deliveries all
	 * succeeded, skipping rows another instance is deleting.
	 * @return how many were deleted
	 */
	int purgeDispatched(Instant cutoff, int limit);

}
