package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.eventstarter.store.DatabasePlatform;

import static dev.eventstarter.dispatch.DispatchJdbc.ids;

/**
 * What PostgreSQL and H2 do alike with delivery rows; the insert and the claim differ.
 */
abstract class JdbcDeliveryRows implements DeliveryRows {

	private static final String RENEW = """
			update _event_deliveries set claimed_until = :leaseEnd where id = any(:ids)""";

	private static final String RELEASE = """
			update _event_deliveries set claimed_until = null where id = any(:ids)""";

	private static final String UPDATE = """
			update _event_deliveries
			set status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_error = ?, claimed_until = null
			where id = ?""";

	private static final String RESCHEDULE = """
			update _event_deliveries
			set status = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_until = null
			where event_id = (select id from _events where event_id = :eventId) and status in ('DEAD', 'FAILED')""";

	private static final String MAKE_AVAILABLE = """
			update _events set available_at = :now
			where event_id = :eventId and dispatched_at is null and available_at > :now""";

	// the work list's copy of available_at is the one claims read
	private static final String MAKE_AVAILABLE_POSTGRESQL = """
			with made as (
			  update _events e set available_at = :now
			  from _event_queue q
			  where e.event_id = :eventId and q.priority = e.priority and q.id = e.id and q.available_at > :now
			  returning e.id, e.priority)
			update _event_queue q set available_at = :now from made where q.priority = made.priority and q.id = made.id""";

	private static final String COUNT_EVENT = """
			select count(*) from _events where event_id = :eventId""";

	private static final String SELECT_STATE = """
			select case when %s then 1 else 0 end as undispatched,
			       (select count(*) from _event_deliveries d
			        where d.event_id = e.id and d.status in ('PENDING', 'FAILED')) as open_deliveries,
			       (select count(*) from _event_deliveries d
			        where d.event_id = e.id and d.status = 'DEAD') as dead_deliveries
			from _events e where e.event_id = :eventId""";

	// H2 holds one instance: nothing to skip
	private static final String PURGE = """
			delete from _event_deliveries where id in (
			  select id from _event_deliveries
			  where status = :status and last_attempt_at < :cutoff
			  limit :limit)""";

	final DispatchJdbc jdbc;

	private final String makeAvailable;

	private final String selectState;

	JdbcDeliveryRows(DispatchJdbc jdbc) {
		this.jdbc = jdbc;
		this.makeAvailable = (jdbc.platform() == DatabasePlatform.POSTGRESQL) ? MAKE_AVAILABLE_POSTGRESQL
				: MAKE_AVAILABLE;
		this.selectState = SELECT_STATE.formatted(jdbc.platform().undispatched("e"));
	}

	/**
	 * The insert of a row, keeping one that exists: its parameters are event id,
	 * subscriber, status, attempts, next and last attempt, last error and ordering key.
	 */
	abstract String insertSql();

	@Override
	public void insert(List<DeliveryRow> rows) {
		this.jdbc.jdbcTemplate().batchUpdate(insertSql(), rows, rows.size(), (ps, row) -> {
			ps.setLong(1, row.eventId());
			ps.setString(2, row.subscriber());
			ps.setString(3, row.status().name());
			ps.setInt(4, row.attempts());
			ps.setObject(5, this.jdbc.timestamp(row.nextAttemptAt()));
			ps.setObject(6, this.jdbc.timestamp(row.lastAttemptAt()));
			ps.setString(7, row.lastError());
			ps.setString(8, row.orderingKey());
		});
	}

	/**
	 * The deletion of a batch of rows of a status last attempted before a cutoff.
	 */
	String purgeSql() {
		return PURGE;
	}

	@Override
	public int purge(DeliveryStatus status, Instant cutoff, int limit) {
		return this.jdbc.jdbc()
			.sql(purgeSql())
			.param("status", status.name())
			.param("cutoff", this.jdbc.timestamp(cutoff))
			.param("limit", limit)
			.update();
	}

	@Override
	public void renew(Collection<Long> ids, Instant leaseEnd) {
		this.jdbc.jdbc().sql(RENEW).param("leaseEnd", this.jdbc.timestamp(leaseEnd)).param("ids", ids(ids)).update();
	}

	@Override
	public void release(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.jdbc().sql(RELEASE).param("ids", ids(ids)).update();
		}
	}

	@Override
	public void update(List<DeliveryUpdate> updates) {
		if (updates.isEmpty()) {
			return;
		}
		this.jdbc.transaction()
			.executeWithoutResult(
					(status) -> this.jdbc.jdbcTemplate().batchUpdate(UPDATE, updates, updates.size(), (ps, update) -> {
						ps.setString(1, update.status().name());
						ps.setInt(2, update.attempts());
						ps.setObject(3, this.jdbc.timestamp(update.nextAttemptAt()));
						ps.setObject(4, this.jdbc.timestamp(update.lastAttemptAt()));
						ps.setString(5, update.lastError());
						ps.setLong(6, update.id());
					}));
	}

	@Override
	public boolean reschedule(UUID eventId, Instant now) {
		Boolean exists = this.jdbc.transaction().execute((status) -> {
			this.jdbc.jdbc()
				.sql(RESCHEDULE)
				.param("eventId", this.jdbc.platform().uuid(eventId))
				.param("now", this.jdbc.timestamp(now))
				.update();
			this.jdbc.jdbc()
				.sql(this.makeAvailable)
				.param("eventId", this.jdbc.platform().uuid(eventId))
				.param("now", this.jdbc.timestamp(now))
				.update();
			return this.jdbc.jdbc()
				.sql(COUNT_EVENT)
				.param("eventId", this.jdbc.platform().uuid(eventId))
				.query(Integer.class)
				.single() > 0;
		});
		return Boolean.TRUE.equals(exists);
	}

	@Override
	public DeliveryState state(UUID eventId) {
		return this.jdbc.jdbc()
			.sql(this.selectState)
			.param("eventId", this.jdbc.platform().uuid(eventId))
			.query((rs, rowNum) -> {
				if (rs.getLong("dead_deliveries") > 0) {
					return DeliveryState.DEAD;
				}
				if (rs.getInt("undispatched") == 1 || rs.getLong("open_deliveries") > 0) {
					return DeliveryState.OPEN;
				}
				return DeliveryState.DELIVERED;
			})
			.optional()
			.orElse(DeliveryState.UNKNOWN);
	}

}
