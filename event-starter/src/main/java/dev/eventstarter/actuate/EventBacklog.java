package dev.eventstarter.actuate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the dispatcher has not done yet, read for operators: counts, the oldest waiting
 * event, the undispatched events and the dead deliveries.
 *
 * <p>
 * Every query reads the undispatched events' own index: on PostgreSQL the work list
 * {@code _event_queue}, whose index includes the times, so the counts, the oldest event
 * and the lag come from the index alone; elsewhere the partial index
 * {@code _events_undispatched_idx}. And the status indexes of {@code _event_deliveries}.
 * Their cost grows with the backlog and the number of problem deliveries, not with the
 * size of the tables.
 *
 * <p>
 * Public for the operator console, which shows the same counts and retries the same way
 * without needing the actuator.
 */
public final class EventBacklog {

	// %1$s: the undispatched rows, with their created_at and available_at
	private static final String SUMMARY = """
			select
			    (select count(*) from %1$s) as undispatched,
			    (select min(created_at) from %1$s) as oldest_created,
			    (select min(available_at) from %1$s and available_at <= :now) as oldest_due,
			    (select count(*) from _event_deliveries where status = 'PENDING') as pending,
			    (select count(*) from _event_deliveries where status = 'FAILED') as failed,
			    (select count(*) from _event_deliveries where status = 'DEAD') as dead
			""";

	private static final String UNDISPATCHED = """
			select event_id, event_type, resource_name, resource_id, created_at, available_at, priority
			from _events where %s order by created_at, id limit :limit""";

	private static final String DEAD = """
			select e.event_id, e.event_type, d.subscriber, d.attempts, d.last_error, d.last_attempt_at
			from _event_deliveries d join _events e on e.id = d.event_id
			where d.status = 'DEAD' order by d.last_attempt_at, d.id limit :limit""";

	private static final String EVENT_DELIVERIES = """
			select (select count(*) from _events where event_id = :eventId) as found,
			    (select count(*) from _event_deliveries d join _events e on e.id = d.event_id
			     where e.event_id = :eventId and d.status in ('DEAD', 'FAILED')) as retryable,
			    (select count(*) from _events where event_id = :eventId and %s) as undispatched""";

	private final JdbcClient jdbc;

	private final DatabasePlatform platform;

	private final Clock clock;

	private final String summary;

	private final String undispatched;

	private final String eventDeliveries;

	/**
	 * Create a reader.
	 * @param dataSource the data source holding the event tables
	 * @param platform its database
	 * @param clock the clock lag is measured with
	 */
	public EventBacklog(DataSource dataSource, DatabasePlatform platform, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.platform = platform;
		this.clock = clock;
		// PostgreSQL's work list holds the times too: the summary reads its index alone
		this.summary = SUMMARY.formatted((platform == DatabasePlatform.POSTGRESQL) ? "_event_queue where true"
				: "_events where dispatched_at is null");
		this.undispatched = UNDISPATCHED.formatted(platform.undispatched("_events"));
		this.eventDeliveries = EVENT_DELIVERIES.formatted(platform.undispatched("_events"));
	}

	/**
	 * Count what is waiting, in one query.
	 * @return the summary
	 */
	public Summary summary() {
		Instant now = this.clock.instant();
		return this.jdbc.sql(this.summary)
			.param("now", this.platform.timestamp(now))
			.query((rs, row) -> new Summary(now, rs.getLong("undispatched"),
					this.platform.instant(rs, "oldest_created"), this.platform.instant(rs, "oldest_due"),
					rs.getLong("pending"), rs.getLong("failed"), rs.getLong("dead")))
			.single();
	}

	/**
	 * The oldest undispatched events.
	 * @param limit the most to list
	 * @return the events, oldest first
	 */
	public List<UndispatchedEvent> undispatched(int limit) {
		return this.jdbc.sql(this.undispatched)
			.param("limit", limit)
			.query((rs, row) -> new UndispatchedEvent(requiredUuid(rs), rs.getString("event_type"),
					rs.getString("resource_name"), rs.getString("resource_id"),
					this.platform.requiredInstant(rs, "created_at"), this.platform.requiredInstant(rs, "available_at"),
					rs.getInt("priority")))
			.list();
	}

	/**
	 * The dead deliveries that failed longest ago.
	 * @param limit the most to list
	 * @return the deliveries, oldest last attempt first
	 */
	public List<DeadDelivery> dead(int limit) {
		return this.jdbc.sql(DEAD)
			.param("limit", limit)
			.query((rs, row) -> new DeadDelivery(requiredUuid(rs), rs.getString("event_type"),
					rs.getString("subscriber"), rs.getInt("attempts"), rs.getString("last_error"),
					this.platform.instant(rs, "last_attempt_at")))
			.list();
	}

	/**
	 * What a retry of an event would do.
	 * @param eventId the event id
	 * @return its retryable deliveries and whether it is undispatched, or empty for an
	 * unknown event
	 */
	public Optional<Retryable> retryable(UUID eventId) {
		return this.jdbc.sql(this.eventDeliveries)
			.param("eventId", this.platform.uuid(eventId))
			.query((rs, row) -> (rs.getLong("found") == 0) ? null
					: new Retryable(eventId, rs.getLong("retryable"), rs.getLong("undispatched") > 0))
			.optional();
	}

	private UUID requiredUuid(ResultSet rs) throws SQLException {
		UUID uuid = this.platform.uuid(rs, "event_id");
		if (uuid == null) {
			throw new SQLException("Column event_id is null");
		}
		return uuid;
	}

	/**
	 * What is waiting.
	 *
	 * @param at when it was counted
	 * @param undispatched events not dispatched yet, delayed ones included
	 * @param oldestUndispatchedAt when the oldest of them occurred
	 * @param oldestDueAt since when the longest-waiting event due now could have been
	 * dispatched
	 * @param pending deliveries waiting behind an earlier event or a shutdown
	 * @param failed deliveries waiting for a retry
	 * @param dead deliveries that ran out of attempts
	 */
	public record Summary(Instant at, long undispatched, @Nullable Instant oldestUndispatchedAt,
			@Nullable Instant oldestDueAt, long pending, long failed, long dead) {

		/**
		 * How long the longest-waiting due event has waited.
		 * @return the lag, zero when nothing due waits
		 */
		public Duration lag() {
			if (this.oldestDueAt == null || this.oldestDueAt.isAfter(this.at)) {
				return Duration.ZERO;
			}
			return Duration.between(this.oldestDueAt, this.at);
		}

	}

	/**
	 * An event not dispatched yet.
	 *
	 * @param eventId its id
	 * @param eventType its type
	 * @param resourceName its resource name
	 * @param resourceId its resource id
	 * @param createdAt when it occurred
	 * @param availableAt when it may be dispatched
	 * @param priority its priority
	 */
	public record UndispatchedEvent(UUID eventId, String eventType, @Nullable String resourceName,
			@Nullable String resourceId, Instant createdAt, Instant availableAt, int priority) {

	}

	/**
	 * A delivery that ran out of attempts.
	 *
	 * @param eventId the event's id
	 * @param eventType the event's type
	 * @param subscriber the subscriber's id
	 * @param attempts how many attempts were made
	 * @param lastError what the last one failed with
	 * @param lastAttemptAt when it was made
	 */
	public record DeadDelivery(UUID eventId, String eventType, String subscriber, int attempts,
			@Nullable String lastError, @Nullable Instant lastAttemptAt) {

	}

	/**
	 * What retrying an event does.
	 *
	 * @param eventId the event's id
	 * @param deliveries its dead and failed deliveries, scheduled again
	 * @param undispatched whether the event itself waits for dispatch, made due now
	 */
	public record Retryable(UUID eventId, long deliveries, boolean undispatched) {

	}

}
