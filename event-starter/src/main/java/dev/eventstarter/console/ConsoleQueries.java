package dev.eventstarter.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRowMapper;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the console reads from the event tables beyond {@code EventStore} and the
 * actuator's backlog: events per minute, deliveries per subscriber, deliveries by filter
 * and events by every filter the search screen has, paged with a keyset on the row id.
 *
 * <p>
 * The delivery queries read {@code _event_deliveries}, which holds only deliveries that
 * needed state (a first-attempt success leaves no row), so their cost follows the number
 * of problem deliveries. A search without resource or type filter walks {@code _events}
 * by primary key from the cursor.
 */
final class ConsoleQueries {

	private static final String SUBSCRIBERS = """
			select d.subscriber,
			    sum(case when d.status = 'PENDING' then 1 else 0 end) as pending,
			    sum(case when d.status = 'FAILED' then 1 else 0 end) as failed,
			    sum(case when d.status = 'DEAD' then 1 else 0 end) as dead,
			    min(case when d.status in ('PENDING', 'FAILED') then e.created_at end) as oldest_waiting
			from _event_deliveries d join _events e on e.id = d.event_id
			where d.status in ('PENDING', 'FAILED', 'DEAD')
			group by d.subscriber order by d.subscriber""";

	private static final String DELIVERY_COLUMNS = """
			select d.id, e.event_id, e.event_type, e.resource_name, e.resource_id, d.subscriber, d.status, d.attempts,
			    d.last_error, d.last_attempt_at, d.next_attempt_at
			from _event_deliveries d join _events e on e.id = d.event_id""";

	private static final String COUNT_DELIVERIES = """
			select count(*) from _event_deliveries d join _events e on e.id = d.event_id""";

	private static final String DELIVERY_EVENTS = """
			select distinct e.event_id from _event_deliveries d join _events e on e.id = d.event_id""";

	private static final String SELECT_EVENTS = "select %s from _events";

	private final JdbcClient jdbc;

	private final DatabasePlatform platform;

	private final ConsoleDialect dialect;

	private final EventRowMapper rowMapper;

	private final EventJson json;

	private final String selectEvents;

	ConsoleQueries(JdbcClient jdbc, DatabasePlatform platform, ConsoleDialect dialect, EventJson json) {
		this.jdbc = jdbc;
		this.platform = platform;
		this.dialect = dialect;
		this.json = json;
		this.rowMapper = new EventRowMapper(json.mapper(), platform);
		this.selectEvents = SELECT_EVENTS.formatted(EventRowMapper.columns(platform));
	}

	/**
	 * Events created per minute since a time; minutes without events are left out.
	 */
	List<MinuteCount> eventsPerMinute(Instant since) {
		return this.jdbc.sql(this.dialect.eventsPerMinute())
			.param("since", this.platform.timestamp(since))
			.query((rs, row) -> new MinuteCount(this.platform.requiredInstant(rs, "minute_start"),
					rs.getLong("events")))
			.list();
	}

	/**
	 * Every subscriber with deliveries waiting or dead.
	 */
	List<SubscriberState> subscribers(Instant now) {
		return this.jdbc.sql(SUBSCRIBERS).query((rs, row) -> {
			Instant oldest = this.platform.instant(rs, "oldest_waiting");
			Duration lag = (oldest != null && oldest.isBefore(now)) ? Duration.between(oldest, now) : Duration.ZERO;
			return new SubscriberState(rs.getString("subscriber"), rs.getLong("pending"), rs.getLong("failed"),
					rs.getLong("dead"), oldest, lag.toMillis());
		}).list();
	}

	/**
	 * A page of deliveries, newest row first.
	 */
	List<DeliveryState> deliveries(DeliveryFilter filter, @Nullable Long before, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder(DELIVERY_COLUMNS).append(where(filter, params));
		if (before != null) {
			sql.append(" and d.id < :before");
			params.put("before", before);
		}
		sql.append(" order by d.id desc limit :limit");
		params.put("limit", limit);
		return this.jdbc.sql(sql.toString()).params(params).query((rs, row) -> deliveryState(rs)).list();
	}

	long countDeliveries(DeliveryFilter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = COUNT_DELIVERIES + where(filter, params);
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	/**
	 * The events that deliveries matching a filter belong to.
	 */
	List<UUID> eventsOfDeliveries(DeliveryFilter filter, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = DELIVERY_EVENTS + where(filter, params) + " limit :limit";
		params.put("limit", limit);
		return this.jdbc.sql(sql).params(params).query((rs, row) -> requiredEventId(rs)).list();
	}

	/**
	 * Every delivery of one event that has a row.
	 */
	List<DeliveryState> deliveriesOf(UUID eventId) {
		return this.jdbc.sql(DELIVERY_COLUMNS + " where e.event_id = :eventId order by d.subscriber")
			.param("eventId", this.platform.uuid(eventId))
			.query((rs, row) -> deliveryState(rs))
			.list();
	}

	/**
	 * A page of events matching a search.
	 */
	List<Event> search(EventSearch search) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder(this.selectEvents).append(" where 1 = 1");
		String type = search.type();
		if (type != null && type.contains("*")) {
			condition(sql, params, "event_type like :type escape '!'", "type", EventTypes.toLikeExpression(type));
		}
		else {
			condition(sql, params, "event_type = :type", "type", type);
		}
		condition(sql, params, "resource_name = :resourceName", "resourceName", search.resourceName());
		condition(sql, params, "resource_id = :resourceId", "resourceId", search.resourceId());
		condition(sql, params, "tenant = :tenant", "tenant", search.tenant());
		UUID transactionId = search.transactionId();
		condition(sql, params, "transaction_id = :transactionId", "transactionId",
				(transactionId != null) ? this.platform.uuid(transactionId) : null);
		String user = search.user();
		if (user != null) {
			sql.append(" and ").append(this.dialect.userCondition());
			if (this.dialect.userIsLike()) {
				params.put("userLike", "%\"userId\":" + like(this.json.mapper().writeValueAsString(user)) + "%");
			}
			else {
				params.put("user", user);
			}
		}
		condition(sql, params, "created_at >= :since", "since", this.platform.timestamp(search.since()));
		condition(sql, params, "created_at < :until", "until", this.platform.timestamp(search.until()));
		if (search.undispatched()) {
			sql.append(" and ").append(this.platform.undispatched("_events"));
		}
		if (search.cursor() != null) {
			condition(sql, params, search.newestFirst() ? "id < :cursor" : "id > :cursor", "cursor", search.cursor());
		}
		sql.append(search.newestFirst() ? " order by id desc" : " order by id").append(" limit :limit");
		params.put("limit", search.limit());
		return List.copyOf(this.jdbc.sql(sql.toString()).params(params).query(this.rowMapper).list());
	}

	private DeliveryState deliveryState(ResultSet rs) throws SQLException {
		return new DeliveryState(rs.getLong("id"), requiredEventId(rs), rs.getString("event_type"),
				rs.getString("resource_name"), rs.getString("resource_id"), rs.getString("subscriber"),
				rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
				this.platform.instant(rs, "last_attempt_at"), this.platform.instant(rs, "next_attempt_at"));
	}

	private UUID requiredEventId(ResultSet rs) throws SQLException {
		UUID eventId = this.platform.uuid(rs, "event_id");
		if (eventId == null) {
			throw new SQLException("Column event_id is null");
		}
		return eventId;
	}

	private String where(DeliveryFilter filter, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder(" where d.status in (:statuses)");
		params.put("statuses", filter.statuses());
		condition(sql, params, "d.subscriber = :subscriber", "subscriber", filter.subscriber());
		String type = filter.type();
		if (type != null) {
			condition(sql, params, "e.event_type like :type escape '!'", "type", EventTypes.toLikeExpression(type));
		}
		return sql.toString();
	}

	private static void condition(StringBuilder sql, Map<String, Object> params, String condition, String name,
			@Nullable Object value) {
		if (value != null) {
			sql.append(" and ").append(condition);
			params.put(name, value);
		}
	}

	private static String like(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

	/**
	 * Events created in one minute.
	 */
	record MinuteCount(Instant minute, long events) {

	}

	/**
	 * The deliveries of one subscriber that need attention.
	 *
	 * @param lagMillis how long its oldest waiting delivery's event has waited
	 */
	record SubscriberState(String subscriber, long pending, long failed, long dead, @Nullable Instant oldestWaitingAt,
			long lagMillis) {

	}

	/**
	 * A delivery row with its event.
	 */
	record DeliveryState(long id, UUID eventId, String eventType, @Nullable String resourceName,
			@Nullable String resourceId, String subscriber, String status, int attempts, @Nullable String lastError,
			@Nullable Instant lastAttemptAt, @Nullable Instant nextAttemptAt) {

	}

	/**
	 * Which deliveries to list or retry.
	 *
	 * @param statuses the statuses, such as {@code DEAD}
	 * @param subscriber one subscriber id, or {@code null} for all
	 * @param type an event type pattern, or {@code null} for all
	 */
	record DeliveryFilter(List<String> statuses, @Nullable String subscriber, @Nullable String type) {

	}

	/**
	 * The search screen's filters; each is optional.
	 *
	 * @param cursor the id of the last event of the previous page
	 */
	record EventSearch(@Nullable String type, @Nullable String resourceName, @Nullable String resourceId,
			@Nullable String user, @Nullable String tenant, @Nullable UUID transactionId, @Nullable Instant since,
			@Nullable Instant until, boolean undispatched, boolean newestFirst, @Nullable Long cursor, int limit) {

	}

}
