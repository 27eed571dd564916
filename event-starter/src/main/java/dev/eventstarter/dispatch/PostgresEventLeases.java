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
	// available_at passed and no live lease holds it. A queue row whose event is gone (a
	// user deleted it) finds no event here, so it never takes a place in a claim
	private static final String CLAIM_DUE_EVENTS = """
			with due as (
			  select e.id, e.event_id, e.event_type, e.resource_name, e.resource_id, e.created_at, e.available_at,
			         e.dispatched_at, e.priority, e.tenant, e.source, e.data, e.session_variables, e.trace_context,
			         e.transaction_id, e.metadata, e.erased_at
			  from _event_queue q join _events e on e.id = q.id
			  where q.available_at <= :now
			    and q.id not in (select unnest(event_ids) from _event_leases where leased_until >= :now)
			  order by q.priority desc, q.id
			  limit :limit),
			lease as (
			  insert into _event_leases (event_ids, leased_until)
			  select array_agg(id), :leaseEnd from due having count(*) > 0
			  returning id)
			select due.*, lease.id as lease_id from due cross join lease order by due.priority desc, due.id""";

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
			List<StoredEvent> due = this.jdbc.jdbc()
				.sql(CLAIM_DUE_EVENTS)
				.param("now", this.jdbc.timestamp(now))
				.param("limit", limit)
				.param("leaseEnd", this.jdbc.timestamp(leaseEnd))
				.query((rs, rowNum) -> {
					lease[0] = rs.getLong("lease_id");
					return this.jdbc.events().mapRow(rs, rowNum);
				})
				.list();
			return due.isEmpty() ? Claim.NONE : new Claim(lease[0], due);
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
	public void markDispatched(long lease, boolean endLease, List<StoredEvent> events, Instant now) {
		if (!endLease && events.isEmpty()) {
			return;
		}
		this.jdbc.jdbc()
			.sql(endLease ? MARK_DISPATCHED_ENDING_LEASE : MARK_DISPATCHED)
			.param("lease", lease)
			.param("now", this.jdbc.timestamp(now))
			.param("ids", ids(events.stream().map(StoredEvent::id).toList()))
			.param("priorities", DispatchJdbc.priorities(events))
			.update();
	}

}
