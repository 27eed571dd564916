package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.List;

import dev.eventstarter.store.DatabasePlatform;

import static dev.eventstarter.dispatch.DispatchJdbc.names;

/**
 * Delivery rows on PostgreSQL: claimed with {@code FOR UPDATE SKIP LOCKED}, so that any
 * number of instances share the retries.
 */
final class PostgresDeliveryRows extends JdbcDeliveryRows {

	private static final String INSERT = """
			insert into _event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, last_attempt_at,
			    last_error, ordering_key)
			values (?, ?, ?, ?, ?, ?, ?, ?)
			on conflict (event_id, subscriber) do nothing""";

	// a row of an ordered subscriber waits while an earlier row of its resource is
	// unfinished or an earlier event of its resource is not dispatched
	private static final String CLAIM_DUE = """
			update _event_deliveries set claimed_until = :leaseEnd
			from (select d1.id as due_id from _event_deliveries d1
			      where d1.status in ('PENDING', 'FAILED') and d1.next_attempt_at <= :now
			        and (d1.claimed_until is null or d1.claimed_until < :now)
			        and d1.subscriber = any(:subscribers)
			        and (d1.ordering_key is null
			             or (d1.event_id <= :orderedUpTo
			                 and not exists (select 1 from _event_deliveries d2
			                                 where d2.ordering_key = d1.ordering_key and d2.subscriber = d1.subscriber
			                                   and d2.status <> 'SUCCEEDED' and d2.event_id < d1.event_id)
			                 and not exists (select 1 from _events e1 join _events e2
			                                   on e2.resource_name = e1.resource_name
			                                  and e2.resource_id = e1.resource_id
			                                 where e1.id = d1.event_id and e2.id < e1.id
			                                   and %s)))
			      order by d1.next_attempt_at, d1.event_id
			      limit :limit
			      for update of d1 skip locked) due
			where id = due.due_id
			returning id, event_id, subscriber, attempts, ordering_key"""
		.formatted(DatabasePlatform.POSTGRESQL.undispatched("e2"));

	private static final String PURGE = """
			delete from _event_deliveries where id in (
			  select id from _event_deliveries
			  where status = :status and last_attempt_at < :cutoff
			  limit :limit
			  for update skip locked)""";

	PostgresDeliveryRows(DispatchJdbc jdbc) {
		super(jdbc);
	}

	@Override
	String insertSql() {
		return INSERT;
	}

	@Override
	String purgeSql() {
		return PURGE;
	}

	@Override
	public List<ClaimedDelivery> claim(Instant now, Instant leaseEnd, int limit, List<String> subscribers,
			long orderedUpTo) {
		if (subscribers.isEmpty()) {
			return List.of();
		}
		return this.jdbc.jdbc()
			.sql(CLAIM_DUE)
			.param("now", this.jdbc.timestamp(now))
			.param("leaseEnd", this.jdbc.timestamp(leaseEnd))
			.param("limit", limit)
			.param("orderedUpTo", orderedUpTo)
			.param("subscribers", names(subscribers))
			.query(ClaimedDelivery::of)
			.list();
	}

}
