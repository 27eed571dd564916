package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.List;

import dev.eventstarter.store.StoredEvent;

import static dev.eventstarter.dispatch.DispatchJdbc.ids;

/**
 * Leases on PostgreSQL: one row of {@code _event_leases} per round, naming the claimed
 * ids, written while no other instance claims. One small insert per round instead of
 * rewriting every claimed event, and any number of instances share the work. The work
 * list is {@code _event_queue}, which the write path fills: acknowledging deletes its
 * narrow rows and records the round in {@code _event_dispatches}, so no event row is ever
 * updated.
 */
final class PostgresEventLeases implements EventLeases {

	// one claimer at a time across instances, so that the claim, in the next statement,
	// sees the lease of the one before. The key is the lease table's oid: applications in
	// other schemas do not wait for each other. Leases left by crashed instances go too
	private static final String SERIALIZE_CLAIMS = """
			with expired as (delete from _event_leases where leased_until < :now)
			select pg_advisory_xact_lock(cast(cast(cast('_event_leases' as regclass) as oid) as bigint))""";

	// the work list is _event_queue, in dispatch order; an event is due once its
	// available_at passed and no live lease holds it
	private static final String CLAIM_DUE_IDS = """
			with due as (
			  select q.id from _event_queue q
			  where q.available_at <= :now
			    and q.id not in (select unnest(event_ids) from _event_leases where leased_until >= :now)
			  order by q.priority desc, q.id
			  limit :limit),
			lease as (
			  insert into _event_leases (event_ids, leased_until)
			  select array_agg(id), :leaseEnd from due having count(*) > 0
			  returning id)
			select due.id, lease.id as lease_id from due cross join lease""";

	// the events, by key, in a statement of their own: joined to the claim, a plan made
	// where statistics were missing or stale (a new table, autovacuum off) hashed all of
	// _events for every claim, 10 ms and more as it grew. A queue row whose event is gone
	// (a user deleted it) finds nothing here
	private static final String SELECT_CLAIMED = """
			select id, event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at,
			       priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata, erased_at
			from _events where id = any(:ids)
			order by priority desc, id""";

	private static final String RENEW_LEASE = """
			update _event_leases set leased_until = :leaseEnd where id = :lease""";

	private static final String DELETE_LEASE = """
			delete from _event_leases where id = :lease""";

	// the event rows stay as they are: their queue rows go (found by the queue's own
	// index, hence the priorities) and one row records the round, its ids as ranges
	private static final String MARK_DISPATCHED = """
			with dispatched as (
			  delete from _event_queue q
			  using unnest(cast(:priorities as smallint[]), cast(:ids as bigint[])) as x(priority, id)
			  where q.priority = x.priority and q.id = x.id)
			insert into _event_dispatches (event_ids, dispatched_at)
			select range_agg(int8range(x.id, x.id + 1)), :now from unnest(cast(:ids as bigint[])) as x(id)
			having count(*) > 0""";

	// the events handed to this instance's dispatcher hold their work list rows until a
	// time, in place of a lease: renewing or giving them back moves it
	private static final String HOLD = """
			update _event_queue q set available_at = :until
			from unnest(cast(:priorities as smallint[]), cast(:ids as bigint[])) as x(priority, id)
			where q.priority = x.priority and q.id = x.id""";

	// the usual acknowledgement, one statement and one round trip
	private static final String MARK_DISPATCHED_ENDING_LEASE = """
			with ended as (delete from _event_leases where id = :lease),
			""" + MARK_DISPATCHED.substring("with ".length());

	private final DispatchJdbc jdbc;

	PostgresEventLeases(DispatchJdbc jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Claim claim(Instant now, Instant leaseEnd, int limit) {
		Claim claim = this.jdbc.transaction().execute((status) -> {
			this.jdbc.jdbc().sql(SERIALIZE_CLAIMS).param("now", this.jdbc.timestamp(now)).query((rs) -> {
			});
			long[] lease = new long[1];
			List<Long> ids = this.jdbc.jdbc()
				.sql(CLAIM_DUE_IDS)
				.param("now", this.jdbc.timestamp(now))
				.param("limit", limit)
				.param("leaseEnd", this.jdbc.timestamp(leaseEnd))
				.query((rs, rowNum) -> {
					lease[0] = rs.getLong("lease_id");
					return rs.getLong("id");
				})
				.list();
			if (ids.isEmpty()) {
				return Claim.NONE;
			}
			List<StoredEvent> due = this.jdbc.jdbc()
				.sql(SELECT_CLAIMED)
				.param("ids", ids(ids))
				.query(this.jdbc.events())
				.list();
			return new Claim(lease[0], due);
		});
		return (claim != null) ? claim : Claim.NONE;
	}

	@Override
	public void renew(long lease, Instant leaseEnd) {
		this.jdbc.jdbc()
			.sql(RENEW_LEASE)
			.param("leaseEnd", this.jdbc.timestamp(leaseEnd))
			.param("lease", lease)
			.update();
	}

	@Override
	public void release(long lease) {
		this.jdbc.jdbc().sql(DELETE_LEASE).param("lease", lease).update();
	}

	@Override
	public void hold(List<StoredEvent> events, Instant until) {
		this.jdbc.jdbc()
			.sql(HOLD)
			.param("until", this.jdbc.timestamp(until))
			.param("ids", ids(events.stream().map(StoredEvent::id).toList()))
			.param("priorities", DispatchJdbc.priorities(events))
			.update();
	}

	@Override
	public void markDispatched(long lease, boolean endLease, List<StoredEvent> events, Instant now) {
		// events handed over in memory have no lease
		boolean endsLease = endLease && lease != NO_LEASE;
		if (!endsLease && events.isEmpty()) {
			return;
		}
		this.jdbc.jdbc()
			.sql(endsLease ? MARK_DISPATCHED_ENDING_LEASE : MARK_DISPATCHED)
			.param("lease", lease)
			.param("now", this.jdbc.timestamp(now))
			.param("ids", ids(events.stream().map(StoredEvent::id).toList()))
			.param("priorities", DispatchJdbc.priorities(events))
			.update();
	}

}
