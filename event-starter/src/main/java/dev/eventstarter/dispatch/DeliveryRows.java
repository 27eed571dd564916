package dev.eventstarter.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The rows of {@code _event_deliveries}: deliveries that need state because they failed,
 * died, wait behind an earlier event of their resource or were not started. A first
 * attempt that succeeds has none.
 */
interface DeliveryRows {

	/**
	 * Write what first attempts left to record, in the caller's transaction; a row that
	 * exists already is kept.
	 */
	void insert(List<DeliveryRow> rows);

	/**
	 * Claim due rows of these subscribers under a lease; rows of ordered subscribers only
	 * up to a settled id, so that an earlier event that commits late cannot be overtaken,
	 * and only the first unfinished one of each resource.
	 * @return the claimed rows, oldest due first
	 */
	List<ClaimedDelivery> claim(Instant now, Instant leaseEnd, int limit, List<String> subscribers, long orderedUpTo);

	/**
	 * Extend the lease of claimed rows while their handlers run.
	 */
	void renew(Collection<Long> ids, Instant leaseEnd);

	/**
	 * Give claimed rows back, to be claimed again.
	 */
	void release(Collection<Long> ids);

	/**
	 * Record the outcome of later attempts, in one transaction.
	 */
	void update(List<DeliveryUpdate> updates);

	/**
	 * Schedule an event's dead and failed deliveries again now, and make it due now if it
	 * waits, in one transaction.
	 * @return whether the event exists
	 */
	boolean reschedule(UUID eventId, Instant now);

	/**
	 * Where an event's deliveries stand.
	 */
	DeliveryState state(UUID eventId);

	/**
	 * Delete rows of a status last attempted before a cutoff, at most a batch.
	 * @return how many were deleted
	 */
	int purge(DeliveryStatus status, Instant cutoff, int limit);

	/**
	 * What the first attempt of a batch left to record.
	 */
	record DeliveryRow(long eventId, String subscriber, DeliveryStatus status, int attempts,
			@Nullable Instant nextAttemptAt, @Nullable Instant lastAttemptAt, @Nullable String lastError,
			@Nullable String orderingKey) {

	}

	/**
	 * The outcome of a later attempt.
	 */
	record DeliveryUpdate(long id, DeliveryStatus status, int attempts, @Nullable Instant nextAttemptAt,
			@Nullable Instant lastAttemptAt, @Nullable String lastError) {

	}

	/**
	 * A delivery row claimed for another attempt.
	 */
	record ClaimedDelivery(long id, long eventId, String subscriber, int attempts, @Nullable String orderingKey) {

		static ClaimedDelivery of(ResultSet rs, int rowNum) throws SQLException {
			return new ClaimedDelivery(rs.getLong("id"), rs.getLong("event_id"), rs.getString("subscriber"),
					rs.getInt("attempts"), rs.getString("ordering_key"));
		}

	}

	/**
	 * Where an event stands for {@code awaitDelivery}.
	 */
	enum DeliveryState {

		UNKNOWN, OPEN, DEAD, DELIVERED

	}

}
