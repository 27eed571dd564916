package dev.eventstarter.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.eventstarter.Event;

/**
 * The rows of {@code _audit_log}, written at most once per event.
 */
interface AuditRows {

	/**
	 * Insert the rows of the events whose rows are not there yet, in one round trip.
	 * @param events delivered events, read from {@code _events}
	 * @return the event ids whose rows were written now
	 */
	Set<UUID> insert(List<Event> events);

	/**
	 * Delete up to {@code limit} rows older than the cutoff, skipping rows another
	 * instance is deleting.
	 * @return how many were deleted
	 */
	int purge(Instant cutoff, int limit);

}
