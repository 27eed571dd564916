package dev.eventstarter.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.eventstarter.EventBus;
import dev.eventstarter.actuate.EventBacklog.Retryable;
import dev.eventstarter.actuate.EventBacklog.Summary;
import dev.eventstarter.store.HeldBack;
import dev.eventstarter.store.VisibilityHorizon;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code events} actuator endpoint: what is undispatched, pending and dead, and a
 * retry for one event. Bad arguments throw {@link IllegalArgumentException}, which the
 * web extension turns into a 400.
 */
@Endpoint(id = "events")
public class EventsEndpoint {

	/**
	 * Most items a list returns.
	 */
	public static final int MAX_LIMIT = 1000;

	private static final int DEFAULT_LIMIT = 100;

	private final EventBacklog backlog;

	private final EventBus eventBus;

	private final VisibilityHorizon horizon;

	EventsEndpoint(EventBacklog backlog, EventBus eventBus, VisibilityHorizon horizon) {
		this.backlog = backlog;
		this.eventBus = eventBus;
		this.horizon = horizon;
	}

	@ReadOperation
	public EventsSummary summary() {
		Summary summary = this.backlog.summary();
		HeldBack heldBack = this.horizon.heldBack();
		return new EventsSummary(summary.undispatched(), summary.oldestUndispatchedAt(),
				new DeliveryCounts(summary.pending(), summary.failed(), summary.dead()),
				(heldBack != null) ? heldBack.since() : null,
				(heldBack != null) ? HeldBackBy.of(heldBack, summary.at()) : null);
	}

	/**
	 * List the undispatched events or the dead deliveries.
	 * @param list {@code undispatched} or {@code dead}
	 * @param limit the most to list, 1 to 1000, default 100
	 * @return the total and the oldest items, or {@code null} for another list name
	 */
	@ReadOperation
	public @Nullable Map<String, Object> list(@Selector String list, @Nullable String limit) {
		int max = limit(limit);
		return switch (list) {
			case "undispatched" ->
				page("events", this.backlog.summary().undispatched(), this.backlog.undispatched(max));
			case "dead" -> page("deliveries", this.backlog.summary().dead(), this.backlog.dead(max));
			default -> null;
		};
	}

	/**
	 * Retry an event now: its dead and failed deliveries, and its dispatch if it waits.
	 * @param eventId the event id
	 * @return what was retried, or empty for an unknown event
	 */
	@WriteOperation
	public Optional<Retryable> retry(@Selector String eventId) {
		UUID id = eventId(eventId);
		Optional<Retryable> retryable = this.backlog.retryable(id);
		if (retryable.isPresent()) {
			this.eventBus.retry(id);
		}
		return retryable;
	}

	/**
	 * Read a {@code limit} parameter.
	 * @param limit the parameter, or {@code null} for the default of 100
	 * @return the limit
	 * @throws IllegalArgumentException saying what to fix when it is not 1 to 1000
	 */
	public static int limit(@Nullable String limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		int value;
		try {
			value = Integer.parseInt(limit.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"limit must be a whole number from 1 to " + MAX_LIMIT + ", but was '" + limit + "'");
		}
		if (value < 1 || value > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", but was " + value);
		}
		return value;
	}

	/**
	 * Read an event id from a path.
	 * @param eventId the path segment
	 * @return the id
	 * @throws IllegalArgumentException saying what to fix when it is not a UUID
	 */
	public static UUID eventId(String eventId) {
		try {
			return UUID.fromString(eventId);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + eventId
					+ "' is not an event id: give the event's UUID, such as 0193a8e2-5c1f-7d3a-9b2e-4f6a1c2d3e4f");
		}
	}

	private static Map<String, Object> page(String name, long total, List<?> items) {
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("total", total);
		page.put(name, items);
		return page;
	}

	/**
	 * The endpoint's summary.
	 *
	 * @param undispatched events not dispatched yet
	 * @param oldestUndispatchedAt when the oldest of them occurred
	 * @param deliveries deliveries by state
	 * @param heldBackSince since when a transaction that took event ids and has not ended
	 * holds back ordered deliveries and the SSE stream, once that has lasted
	 * {@code events.dispatch.held-back-warning}
	 * @param heldBackBy that transaction, and the ids waiting for it
	 */
	public record EventsSummary(long undispatched, @Nullable Instant oldestUndispatchedAt, DeliveryCounts deliveries,
			@Nullable Instant heldBackSince, @Nullable HeldBackBy heldBackBy) {

	}

	/**
	 * The transaction holding ids back: the longest-running one when there are several.
	 *
	 * @param pid its database backend's process id, {@code null} on an embedded database
	 * @param applicationName the backend's application name, or the thread on an embedded
	 * database
	 * @param state the backend's state, such as {@code idle in transaction}
	 * @param transactionStartedAt when its transaction began
	 * @param transactionAge how long it has run, ISO-8601
	 * @param transactions how many transactions hold ids back
	 * @param firstWaitingId the first id waiting
	 * @param lastWaitingId the last id handed out when the wait began
	 */
	public record HeldBackBy(@Nullable Integer pid, @Nullable String applicationName, @Nullable String state,
			@Nullable Instant transactionStartedAt, @Nullable String transactionAge, int transactions,
			long firstWaitingId, long lastWaitingId) {

		/**
		 * Describe what holds ids back.
		 * @param heldBack what the horizon waits for
		 * @param now the current time
		 * @return the description
		 */
		public static HeldBackBy of(HeldBack heldBack, Instant now) {
			HeldBack.Blocker oldest = heldBack.oldest();
			Duration age = (oldest != null) ? oldest.transactionAge(now) : null;
			return new HeldBackBy((oldest != null) ? oldest.pid() : null,
					(oldest != null) ? oldest.applicationName() : null, (oldest != null) ? oldest.state() : null,
					(oldest != null) ? oldest.transactionStart() : null, (age != null) ? age.toString() : null,
					heldBack.blockers().size(), heldBack.firstWaitingId(), heldBack.lastAllocatedId());
		}

	}

	/**
	 * Deliveries that need attention.
	 *
	 * @param pending waiting behind an earlier event or a shutdown
	 * @param failed waiting for a retry
	 * @param dead out of attempts
	 */
	public record DeliveryCounts(long pending, long failed, long dead) {

	}

}
