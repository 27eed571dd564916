package dev.eventstarter.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The rows of {@code _audit_log}, written at most once per event.
 */
interface AuditRows {

	/**
	 * Insert the rows that are not there yet, in one round trip.
	 * @param rows each row's values, in the order of {@link #COLUMNS}: the event id a
	 * {@code UUID}, the time an {@code Instant}, the changed fields JSON text
	 * @return the event ids whose rows were written now
	 */
	Set<UUID> insert(List<@Nullable Object[]> rows);

	/**
	 * Delete up to {@code limit} rows older than the cutoff, skipping rows another
	 * instance is deleting.
	 * @return how many were deleted
	 */
	int purge(Instant cutoff, int limit);

	/**
	 * The columns a row's values are given in.
	 */
	List<String> COLUMNS = List.of("event_id", "occurred_at", "event_type", "action", "resource_name", "resource_id",
			"tenant", "user_id", "role", "ip", "user_agent", "changed_fields", "trace_id");

}
