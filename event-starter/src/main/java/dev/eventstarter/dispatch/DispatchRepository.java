package dev.eventstarter.dispatch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventRowMapper;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's SQL: claims with leases, acknowledgements in batches, delivery rows,
 * retention.
 *
 * <p>
 * It works on its own connections, never in the caller's transaction: claims must commit
 * before handlers run, whoever calls. PostgreSQL claims with {@code FOR UPDATE SKIP
 * LOCKED}, so any number of dispatchers share the work; H2 is single-instance and claims
 * under a lock in this JVM.
 */
final class DispatchRepository {

	private static final String EVENT_COLUMNS = EventRowMapper.COLUMNS;

	private static final String DUE_EVENTS = """
			dispatched_at is null and available_at <= :now and %s
			order by priority desc, id
			limit :limit""";

	// one claimer at a time across instances, so that the claim, in the next statement,
	// sees the lease of the one before. The key is the lease table's oid: applications in
	// other schemas do not wait for each other. Leases left by crashed instances go too
	private static final String SERIALIZE_CLAIMS = """
			with expired as (delete from _event_leases where leased_until < :now)
			select pg_advisory_xact_lock(cast(cast(cast('_event_leases' as regclass) as oid) as bigint))""";

	private static final String CLAIM_DUE_EVENTS_POSTGRESQL = """
			with due as (
			  select %s from _events
			  where %s),
			lease as (
			  insert into _event_leases (event_ids, leased_until)
			  select array_agg(id), :leaseEnd from due having count(*) > 0
			  returning id)
			select due.*, lease.id as lease_id from due cross join lease""".formatted(EVENT_COLUMNS,
			DUE_EVENTS.formatted("id not in (select unnest(event_ids) from _event_leases where leased_until >= :now)"));

	private static final String RENEW_LEASE = "update _event_leases set leased_until = :leaseEnd where id = :lease";

	private static final String DELETE_LEASE = "delete from _event_leases where id = :lease";

	private static final String SELECT_DUE_EVENTS_H2 = "select " + EVENT_COLUMNS + " from _events where "
			+ DUE_EVENTS.formatted("not (id = any(:leased))");

	private static final String MARK_EVENTS_DISPATCHED = """
			update _events set dispatched_at = :now where id = any(:ids)""";

	private static final String MARK_EVENTS_DISPATCHED_ENDING_LEASE = """
			with ended as (delete from _event_leases where id = :lease)
			update _events set dispatched_at = :now where id = any(:ids)""";

	private static final String SELECT_ORDERING_BLOCKS = """
			select cast(null as varchar(255)) as subscriber, resource_name || '/' || resource_id as ordering_key,
			       min(id) as first_id
			from _events
			where dispatched_at is null and (resource_name, resource_id) in (:resources) and not (id = any(:ids))
			group by resource_name, resource_id
			union all
			select subscriber, ordering_key, min(event_id) as first_id
			from _event_deliveries
			where ordering_key in (:orderingKeys) and status in ('PENDING', 'FAILED', 'DEAD')
			group by subscriber, ordering_key""";

	private static final String INSERT_DELIVERY_POSTGRESQL = """
			insert into _event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, last_attempt_at,
			    last_error, ordering_key)
			values (?, ?, ?, ?, ?, ?, ?, ?)
			on conflict (event_id, subscriber) do nothing""";

	private static final String INSERT_DELIVERY_H2 = """
			merge into _event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, last_attempt_at,
			    last_error, ordering_key)
			key (event_id, subscriber)
			values (?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String DUE_DELIVERIES = """
			d1.status in ('PENDING', 'FAILED') and d1.next_attempt_at <= :now
			  and (d1.claimed_until is null or d1.claimed_until < :now)
			  and d1.subscriber = any(:subscribers)
			  and (d1.ordering_key is null
			       or (d1.event_id <= :orderedUpTo
			           and not exists (select 1 from _event_deliveries d2
			                       where d2.ordering_key = d1.ordering_key and d2.subscriber = d1.subscriber
			                         and d2.status <> 'SUCCEEDED' and d2.event_id < d1.event_id)
			           and not exists (select 1 from _events e1 join _events e2
			                             on e2.resource_name = e1.resource_name and e2.resource_id = e1.resource_id
			                           where e1.id = d1.event_id and e2.id < e1.id and e2.dispatched_at is null)))
			order by d1.next_attempt_at, d1.event_id
			limit :limit""";

	private static final String DELIVERY_COLUMNS = "id, event_id, subscriber, attempts, ordering_key";

	private static final String CLAIM_DUE_DELIVERIES_POSTGRESQL = """
			update _event_deliveries set claimed_until = :leaseEnd
			from (select d1.id as due_id from _event_deliveries d1 where %s for update of d1 skip locked) due
			where id = due.due_id
			returning %s""".formatted(DUE_DELIVERIES, DELIVERY_COLUMNS);

	private static final String SELECT_DUE_DELIVERIES = "select d1.id, d1.event_id, d1.subscriber, d1.attempts, "
			+ "d1.ordering_key from _event_deliveries d1 where " + DUE_DELIVERIES;

	private static final String SET_DELIVERY_LEASES = """
			update _event_deliveries set claimed_until = :leaseEnd where id = any(:ids)""";

	private static final String RELEASE_DELIVERIES = """
			update _event_deliveries set claimed_until = null where id = any(:ids)""";

	private static final String UPDATE_DELIVERY = """
			update _event_deliveries
			set status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_error = ?, claimed_until = null
			where id = ?""";

	private static final String SELECT_EVENTS_BY_ID = "select " + EVENT_COLUMNS + " from _events where id = any(:ids)";

	private static final String SELECT_DELIVERY_STATE = """
			select e.dispatched_at,
			       (select count(*) from _event_deliveries d
			        where d.event_id = e.id and d.status in ('PENDING', 'FAILED')) as open_deliveries,
			       (select count(*) from _event_deliveries d
			        where d.event_id = e.id and d.status = 'DEAD') as dead_deliveries
			from _events e where e.event_id = :eventId""";

	private static final String RESCHEDULE_DELIVERIES = """
			update _event_deliveries
			set status = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_until = null
			where event_id = (select id from _events where event_id = :eventId) and status in ('DEAD', 'FAILED')""";

	private static final String MAKE_AVAILABLE = """
			update _events set available_at = :now
			where event_id = :eventId and dispatched_at is null and available_at > :now""";

	private static final String COUNT_EVENT = "select count(*) from _events where event_id = :eventId";

	private static final String PURGABLE_EVENTS = """
			select id from _events e
			where e.created_at < :cutoff and e.dispatched_at < :cutoff
			  and not exists (select 1 from _event_deliveries d where d.event_id = e.id and d.status <> 'SUCCEEDED')
			limit :limit""";

	private final DatabasePlatform platform;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transaction;

	private final EventRowMapper eventMapper;

	private final ReentrantLock embeddedClaimLock = new ReentrantLock();

	private final Map<Long, EmbeddedLease> embeddedLeases = new ConcurrentHashMap<>();

	private final AtomicLong embeddedLeaseIds = new AtomicLong();

	DispatchRepository(DataSource dataSource, DatabasePlatform platform, JsonMapper jsonMapper) {
		// a DataSource of its own identity: Spring binds no transaction resource to it
		DataSource ownConnections = new DelegatingDataSource(dataSource);
		this.platform = platform;
		this.jdbcTemplate = new JdbcTemplate(ownConnections);
		this.jdbc = JdbcClient.create(this.jdbcTemplate);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(ownConnections));
		this.eventMapper = new EventRowMapper(jsonMapper);
	}

	/**
	 * Claim due events under one lease. On PostgreSQL the lease is a row of
	 * {@code _event_leases} naming the claimed ids, written while no other instance
	 * claims: one small insert per round instead of rewriting every claimed event. H2 is
	 * single-instance, and its leases live in this JVM.
	 */
	Claim claimEvents(Instant now, Instant leaseEnd, int limit) {
		if (this.platform == DatabasePlatform.POSTGRESQL) {
			Claim claim = this.transaction.execute((status) -> {
				this.jdbc.sql(SERIALIZE_CLAIMS).param("now", timestamp(now)).query((rs) -> {
				});
				long[] lease = new long[1];
				List<StoredEvent> due = this.jdbc.sql(CLAIM_DUE_EVENTS_POSTGRESQL)
					.param("now", timestamp(now))
					.param("limit", limit)
					.param("leaseEnd", timestamp(leaseEnd))
					.query((rs, rowNum) -> {
						lease[0] = rs.getLong("lease_id");
						return this.eventMapper.mapRow(rs, rowNum);
					})
					.list();
				return due.isEmpty() ? Claim.NONE : new Claim(lease[0], due);
			});
			return (claim != null) ? claim : Claim.NONE;
		}
		return underEmbeddedLock(() -> {
			List<Long> leased = new ArrayList<>();
			this.embeddedLeases.values().removeIf((lease) -> lease.until().isBefore(now));
			this.embeddedLeases.values().forEach((lease) -> leased.addAll(lease.eventIds()));
			List<StoredEvent> due = this.jdbc.sql(SELECT_DUE_EVENTS_H2)
				.param("now", timestamp(now))
				.param("limit", limit)
				.param("leased", ids(leased))
				.query(this.eventMapper)
				.list();
			if (due.isEmpty()) {
				return Claim.NONE;
			}
			long lease = this.embeddedLeaseIds.incrementAndGet();
			this.embeddedLeases.put(lease, new EmbeddedLease(due.stream().map(StoredEvent::id).toList(), leaseEnd));
			return new Claim(lease, due);
		});
	}

	void renewLease(long lease, Instant leaseEnd) {
		if (this.platform == DatabasePlatform.POSTGRESQL) {
			this.jdbc.sql(RENEW_LEASE).param("leaseEnd", timestamp(leaseEnd)).param("lease", lease).update();
		}
		else {
			this.embeddedLeases.computeIfPresent(lease, (id, current) -> current.until(leaseEnd));
		}
	}

	/**
	 * End a lease: the events it holds that are not dispatched can be claimed again.
	 */
	void releaseLease(long lease) {
		if (this.platform == DatabasePlatform.POSTGRESQL) {
			this.jdbc.sql(DELETE_LEASE).param("lease", lease).update();
		}
		else {
			this.embeddedLeases.remove(lease);
		}
	}

	/**
	 * What holds back ordered deliveries of some events of a batch: for each of their
	 * resources the first undispatched event outside the batch, and for each ordered
	 * subscriber and resource the first event with an unfinished delivery. Only complete
	 * once every id below theirs is settled.
	 */
	OrderingBlocks orderingBlocks(Collection<StoredEvent> events, Collection<Long> batch) {
		List<Object[]> resources = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (StoredEvent event : events) {
			String key = orderingKey(event);
			if (key != null && !keys.contains(key)) {
				keys.add(key);
				resources.add(new Object[] { event.resourceName(), event.resourceId() });
			}
		}
		if (keys.isEmpty()) {
			return OrderingBlocks.NONE;
		}
		Map<String, Long> firstUndispatched = new HashMap<>();
		Map<String, Long> firstUnfinished = new HashMap<>();
		this.jdbc.sql(SELECT_ORDERING_BLOCKS)
			.param("resources", resources)
			.param("ids", ids(batch))
			.param("orderingKeys", keys)
			.query((rs) -> {
				String subscriber = rs.getString("subscriber");
				String key = rs.getString("ordering_key");
				long firstId = rs.getLong("first_id");
				if (subscriber == null) {
					firstUndispatched.put(key, firstId);
				}
				else {
					firstUnfinished.put(subscriber + " " + key, firstId);
				}
			});
		return new OrderingBlocks(firstUndispatched, firstUnfinished);
	}

	/**
	 * Acknowledge a batch in one transaction: write the delivery rows that need state,
	 * mark the events dispatched and end the lease, unless it must go on holding events
	 * whose handlers are still running.
	 */
	void acknowledgeEvents(long lease, boolean endLease, Collection<Long> eventIds, List<DeliveryRow> rows,
			Instant now) {
		boolean postgres = this.platform == DatabasePlatform.POSTGRESQL;
		if (rows.isEmpty() && postgres) {
			// one statement is a transaction of its own: the usual round, where every
			// delivery succeeded, costs one round trip
			markDispatched(lease, endLease, eventIds, now);
		}
		else {
			this.transaction.executeWithoutResult((status) -> {
				if (!rows.isEmpty()) {
					insertDeliveries(rows);
				}
				markDispatched(lease, endLease && postgres, eventIds, now);
			});
		}
		if (endLease && !postgres) {
			this.embeddedLeases.remove(lease);
		}
	}

	private void markDispatched(long lease, boolean endLease, Collection<Long> eventIds, Instant now) {
		if (endLease) {
			this.jdbc.sql(MARK_EVENTS_DISPATCHED_ENDING_LEASE)
				.param("lease", lease)
				.param("now", timestamp(now))
				.param("ids", ids(eventIds))
				.update();
		}
		else if (!eventIds.isEmpty()) {
			this.jdbc.sql(MARK_EVENTS_DISPATCHED).param("now", timestamp(now)).param("ids", ids(eventIds)).update();
		}
	}

	private void insertDeliveries(List<DeliveryRow> rows) {
		this.jdbcTemplate.batchUpdate(
				(this.platform == DatabasePlatform.POSTGRESQL) ? INSERT_DELIVERY_POSTGRESQL : INSERT_DELIVERY_H2, rows,
				rows.size(), (ps, row) -> {
					ps.setLong(1, row.eventId());
					ps.setString(2, row.subscriber());
					ps.setString(3, row.status().name());
					ps.setInt(4, row.attempts());
					ps.setObject(5, timestamp(row.nextAttemptAt()));
					ps.setObject(6, timestamp(row.lastAttemptAt()));
					ps.setString(7, row.lastError());
					ps.setString(8, row.orderingKey());
				});
	}

	/**
	 * Claim due delivery rows; rows of ordered subscribers only up to a settled id, so
	 * that an earlier event that commits late cannot be overtaken.
	 */
	List<ClaimedDelivery> claimDeliveries(Instant now, Instant leaseEnd, int limit, List<String> subscribers,
			long orderedUpTo) {
		if (subscribers.isEmpty()) {
			return List.of();
		}
		if (this.platform == DatabasePlatform.POSTGRESQL) {
			return this.jdbc.sql(CLAIM_DUE_DELIVERIES_POSTGRESQL)
				.param("now", timestamp(now))
				.param("leaseEnd", timestamp(leaseEnd))
				.param("limit", limit)
				.param("orderedUpTo", orderedUpTo)
				.param("subscribers", new SqlArrayValue("varchar", subscribers.toArray()))
				.query(ClaimedDelivery::of)
				.list();
		}
		return underEmbeddedLock(() -> {
			List<ClaimedDelivery> due = this.jdbc.sql(SELECT_DUE_DELIVERIES)
				.param("now", timestamp(now))
				.param("limit", limit)
				.param("orderedUpTo", orderedUpTo)
				.param("subscribers", new SqlArrayValue("varchar", subscribers.toArray()))
				.query(ClaimedDelivery::of)
				.list();
			if (!due.isEmpty()) {
				renewDeliveries(due.stream().map(ClaimedDelivery::id).toList(), leaseEnd);
			}
			return due;
		});
	}

	void renewDeliveries(Collection<Long> ids, Instant leaseEnd) {
		this.jdbc.sql(SET_DELIVERY_LEASES).param("leaseEnd", timestamp(leaseEnd)).param("ids", ids(ids)).update();
	}

	void releaseDeliveries(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql(RELEASE_DELIVERIES).param("ids", ids(ids)).update();
		}
	}

	Map<Long, StoredEvent> events(Collection<Long> ids) {
		Map<Long, StoredEvent> events = new HashMap<>();
		this.jdbc.sql(SELECT_EVENTS_BY_ID)
			.param("ids", ids(ids))
			.query(this.eventMapper)
			.list()
			.forEach((event) -> events.put(event.id(), event));
		return events;
	}

	void updateDeliveries(List<DeliveryUpdate> updates) {
		if (updates.isEmpty()) {
			return;
		}
		this.transaction.executeWithoutResult(
				(status) -> this.jdbcTemplate.batchUpdate(UPDATE_DELIVERY, updates, updates.size(), (ps, update) -> {
					ps.setString(1, update.status().name());
					ps.setInt(2, update.attempts());
					ps.setObject(3, timestamp(update.nextAttemptAt()));
					ps.setObject(4, timestamp(update.lastAttemptAt()));
					ps.setString(5, update.lastError());
					ps.setLong(6, update.id());
				}));
	}

	DeliveryState deliveryState(UUID eventId) {
		return this.jdbc.sql(SELECT_DELIVERY_STATE).param("eventId", eventId).query((rs, rowNum) -> {
			if (rs.getLong("dead_deliveries") > 0) {
				return DeliveryState.DEAD;
			}
			if (rs.getObject("dispatched_at") == null || rs.getLong("open_deliveries") > 0) {
				return DeliveryState.OPEN;
			}
			return DeliveryState.DELIVERED;
		}).optional().orElse(DeliveryState.UNKNOWN);
	}

	boolean retry(UUID eventId, Instant now) {
		Boolean exists = this.transaction.execute((status) -> {
			this.jdbc.sql(RESCHEDULE_DELIVERIES).param("eventId", eventId).param("now", timestamp(now)).update();
			this.jdbc.sql(MAKE_AVAILABLE).param("eventId", eventId).param("now", timestamp(now)).update();
			return this.jdbc.sql(COUNT_EVENT).param("eventId", eventId).query(Integer.class).single() > 0;
		});
		return Boolean.TRUE.equals(exists);
	}

	/**
	 * Delete up to {@code limit} events dispatched before the cutoff whose deliveries all
	 * succeeded.
	 * @return how many were deleted
	 */
	int purgeDispatched(Instant cutoff, int limit) {
		String sql = "delete from _events where id in (" + PURGABLE_EVENTS
				+ ((this.platform == DatabasePlatform.POSTGRESQL) ? " for update skip locked" : "") + ")";
		return this.jdbc.sql(sql).param("cutoff", timestamp(cutoff)).param("limit", limit).update();
	}

	private <T> T underEmbeddedLock(Supplier<T> claim) {
		this.embeddedClaimLock.lock();
		try {
			return claim.get();
		}
		finally {
			this.embeddedClaimLock.unlock();
		}
	}

	static @Nullable String orderingKey(StoredEvent event) {
		return (event.resourceName() != null && event.resourceId() != null)
				? event.resourceName() + "/" + event.resourceId() : null;
	}

	private static SqlArrayValue ids(Collection<Long> ids) {
		return new SqlArrayValue("bigint", ids.toArray());
	}

	private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

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
			Instant lastAttemptAt, @Nullable String lastError) {

	}

	/**
	 * A delivery row claimed for another attempt.
	 */
	record ClaimedDelivery(long id, long eventId, String subscriber, int attempts, @Nullable String orderingKey) {

		static ClaimedDelivery of(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
			return new ClaimedDelivery(rs.getLong("id"), rs.getLong("event_id"), rs.getString("subscriber"),
					rs.getInt("attempts"), rs.getString("ordering_key"));
		}

	}

	/**
	 * Events claimed under one lease.
	 */
	record Claim(long lease, List<StoredEvent> events) {

		static final Claim NONE = new Claim(0, List.of());

	}

	/**
	 * A lease on H2, held in this JVM.
	 */
	private record EmbeddedLease(List<Long> eventIds, Instant until) {

		EmbeddedLease until(Instant newEnd) {
			return new EmbeddedLease(this.eventIds, newEnd);
		}

	}

	/**
	 * Where an event stands for {@code awaitDelivery}.
	 */
	enum DeliveryState {

		UNKNOWN, OPEN, DEAD, DELIVERED

	}

	/**
	 * What holds back ordered deliveries of one batch.
	 */
	record OrderingBlocks(Map<String, Long> firstUndispatched, Map<String, Long> firstUnfinished) {

		static final OrderingBlocks NONE = new OrderingBlocks(Map.of(), Map.of());

		/**
		 * Whether an earlier event of the resource, outside the batch, is not yet done
		 * for this subscriber.
		 */
		boolean blocks(String subscriber, String orderingKey, long eventId) {
			Long undispatched = this.firstUndispatched.get(orderingKey);
			Long unfinished = this.firstUnfinished.get(subscriber + " " + orderingKey);
			return (undispatched != null && undispatched < eventId) || (unfinished != null && unfinished < eventId);
		}

	}

}
