package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import dev.eventstarter.store.StoredEvent;

import static dev.eventstarter.dispatch.DispatchJdbc.ids;

/**
 * Leases on PostgreSQL: one row of {@code _event_leases} per round, naming the claimed
 * ids, written while no other instance claims. One small insert per round instead of
 * rewriting every claimed event, and any number of instances share the work.
 */
final class PostgresEventLeases implements EventLeases {

	// one claimer at a time across instances, so that the claim, in the next statement,
	// sees the lease of the one before. The key is the lease table's oid: applications in
	// other schemas do not wait for each other. Leases left by crashed instances go too
	private static final String SERIALIZE_CLAIMS = """
			with expired as (delete from _event_leases where leased_until < :now)
			select pg_advisory_xact_lock(cast(cast(cast('_event_leases' as regclass) as oid) as bigint))""";

	private static final String CLAIM_DUE_EVENTS = """
			with due as (
			  select id, event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at,
			         priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata,
			         erased_at
			  from _events
			  where dispatched_at is null and available_at <= :now
			    and id not in (select unnest(event_ids) from _event_leases where leased_until >= :now)
			  order by priority desc, id
			  limit :limit),
			lease as (
			  insert into _event_leases (event_ids, leased_until)
			  select array_agg(id), :leaseEnd from due having count(*) > 0
			  returning id)
			select due.*, lease.id as lease_id from due cross join lease""";

	private static final String RENEW_LEASE = """
			update _event_leases set leased_until = :leaseEnd where id = :lease""";

	private static final String DELETE_LEASE = """
			delete from _event_leases where id = :lease""";

	private static final String MARK_DISPATCHED = """
			update _events set dispatched_at = :now where id = any(:ids)""";

	// the usual acknowledgement, one statement and one round trip
	private static final String MARK_DISPATCHED_ENDING_LEASE = """
			with ended as (delete from _event_leases where id = :lease)
			update _events set dispatched_at = :now where id = any(:ids)""";

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
	public void markDispatched(long lease, boolean endLease, Collection<Long> eventIds, Instant now) {
		if (endLease) {
			this.jdbc.jdbc()
				.sql(MARK_DISPATCHED_ENDING_LEASE)
				.param("lease", lease)
				.param("now", this.jdbc.timestamp(now))
				.param("ids", ids(eventIds))
				.update();
		}
		else if (!eventIds.isEmpty()) {
			this.jdbc.jdbc()
				.sql(MARK_DISPATCHED)
				.param("now", this.jdbc.timestamp(now))
				.param("ids", ids(eventIds))
				.update();
		}
	}

}
