package dev.eventstarter.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import dev.eventstarter.Event;
import dev.eventstarter.EventQuery;
import dev.eventstarter.EventStore;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * {@link EventStore} reading {@code _events} with a {@link JdbcClient}.
 */
public class JdbcEventStore implements EventStore {

	private static final String SELECT_EVENTS = "select %s from _events";

	private static final String SELECT_HISTORY_PAGE = SELECT_EVENTS + """
			 where resource_name = :resourceName and resource_id = :resourceId and id > :afterId
			order by id
			limit :limit""";

	private static final String SELECT_LATEST_CHANGE = SELECT_EVENTS + """
			 where resource_name = :resourceName and resource_id = :resourceId and created_at <= :at
			  and event_type in (:types)
			order by id desc
			limit 1""";

	private static final String MARK_DISPATCHED = """
			update _events set dispatched_at = :now where event_id = :eventId and dispatched_at is null""";

	// as the dispatcher's acknowledgement does: off the work list, into the record of
	// rounds
	private static final String MARK_DISPATCHED_POSTGRESQL = """
			with dispatched as (
			  delete from _event_queue q using _events e
			  where e.event_id = :eventId and q.priority = e.priority and q.id = e.id
			  returning q.id)
			insert into _event_dispatches (event_ids, dispatched_at)
			select int8multirange(int8range(id, id + 1)), :now from dispatched""";

	private static final int HISTORY_PAGE_SIZE = 500;

	private final JdbcClient jdbcClient;

	private final EventRowMapper rowMapper;

	private final EventJson json;

	private final DatabasePlatform platform;

	private final Clock clock;

	private final String selectEvents;

	private final String selectHistoryPage;

	private final String selectLatestChange;

	private final String markDispatched;

	public JdbcEventStore(JdbcClient jdbcClient, EventJson json, DatabasePlatform platform, Clock clock) {
		this.jdbcClient = jdbcClient;
		this.json = json;
		this.platform = platform;
		this.rowMapper = new EventRowMapper(json.mapper(), platform);
		this.clock = clock;
		String columns = EventRowMapper.columns(platform);
		this.selectEvents = SELECT_EVENTS.formatted(columns);
		this.selectHistoryPage = SELECT_HISTORY_PAGE.formatted(columns);
		this.selectLatestChange = SELECT_LATEST_CHANGE.formatted(columns);
		this.markDispatched = (platform == DatabasePlatform.POSTGRESQL) ? MARK_DISPATCHED_POSTGRESQL : MARK_DISPATCHED;
	}

	@Override
	public List<Event> query(EventQuery query) {
		Assert.notNull(query, "query must not be null");
		StringBuilder sql = new StringBuilder(this.selectEvents).append(" where 1 = 1");
		Map<String, Object> params = new LinkedHashMap<>();
		condition(sql, params, "resource_name = :resourceName", "resourceName", query.resourceName());
		condition(sql, params, "resource_id = :resourceId", "resourceId", query.resourceId());
		String eventType = query.eventType();
		if (eventType != null && eventType.contains("*")) {
			condition(sql, params, "event_type like :eventType escape '!'", "eventType",
					EventTypes.toLikeExpression(eventType));
		}
		else {
			condition(sql, params, "event_type = :eventType", "eventType", eventType);
		}
		if (query.undispatched() != null) {
			String undispatched = this.platform.undispatched("_events");
			sql.append(query.undispatched() ? " and " + undispatched : " and not " + undispatched);
		}
		condition(sql, params, "created_at >= :since", "since", this.platform.timestamp(query.since()));
		condition(sql, params, "created_at < :until", "until", this.platform.timestamp(query.until()));
		condition(sql, params, "id > :afterId", "afterId", query.afterId());
		sql.append(" order by id limit :limit");
		params.put("limit", query.limit());
		return List.copyOf(this.jdbcClient.sql(sql.toString()).params(params).query(this.rowMapper).list());
	}

	private static void condition(StringBuilder sql, Map<String, Object> params, String condition, String name,
			@Nullable Object value) {
		if (value != null) {
			sql.append(" and ").append(condition);
			params.put(name, value);
		}
	}

	@Override
	public Optional<Event> findByEventId(UUID eventId) {
		Assert.notNull(eventId, "eventId must not be null");
		return this.jdbcClient.sql(this.selectEvents + " where event_id = :eventId")
			.param("eventId", this.platform.uuid(eventId))
			.query(this.rowMapper)
			.optional()
			.map(Event.class::cast);
	}

	@Override
	public boolean markDispatched(UUID eventId) {
		Assert.notNull(eventId, "eventId must not be null");
		return this.jdbcClient.sql(this.markDispatched)
			.param("now", this.platform.timestamp(this.clock.instant()))
			.param("eventId", this.platform.uuid(eventId))
			.update() == 1;
	}

	@Override
	public List<Event> history(String resourceName, Object resourceId) {
		return replay(resourceName, resourceId, new ArrayList<>(), (events, event) -> {
			events.add(event);
			return events;
		});
	}

	@Override
	public Optional<Map<String, Object>> stateAt(String resourceName, Object resourceId, Instant at) {
		Assert.hasText(resourceName, "resourceName must not be blank");
		Assert.notNull(at, "at must not be null");
		return this.jdbcClient.sql(this.selectLatestChange)
			.param("resourceName", resourceName)
			.param("resourceId", this.json.resourceId(resourceId))
			.param("at", this.platform.timestamp(at))
			.param("types", List.of(resourceName + ".created", resourceName + ".updated", resourceName + ".deleted"))
			.query(this.rowMapper)
			.optional()
			.map(StoredEvent::newState);
	}

	@Override
	public <S> S replay(String resourceName, Object resourceId, S initial, BiFunction<S, Event, S> reducer) {
		Assert.hasText(resourceName, "resourceName must not be blank");
		Assert.notNull(reducer, "reducer must not be null");
		String id = this.json.resourceId(resourceId);
		S state = initial;
		long afterId = 0;
		List<StoredEvent> page;
		do {
			page = this.jdbcClient.sql(this.selectHistoryPage)
				.param("resourceName", resourceName)
				.param("resourceId", id)
				.param("afterId", afterId)
				.param("limit", HISTORY_PAGE_SIZE)
				.query(this.rowMapper)
				.list();
			for (StoredEvent event : page) {
				state = reducer.apply(state, event);
				afterId = event.id();
			}
		}
		while (page.size() == HISTORY_PAGE_SIZE);
		return state;
	}

}
