package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static dev.eventstarter.dispatch.DispatchJdbc.names;

/**
 * Delivery rows on H2: one instance, so a lock in this JVM serializes the claims.
 */
final class EmbeddedDeliveryRows extends JdbcDeliveryRows {

	private static final String INSERT = """
			merge into _event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, last_attempt_at,
			    last_error, ordering_key)
			key (event_id, subscriber)
			values (?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String SELECT_DUE = """
			select d1.id, d1.event_id, d1.subscriber, d1.attempts, d1.ordering_key from _event_deliveries d1
			where d1.status in ('PENDING', 'FAILED') and d1.next_attempt_at <= :now
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

	private final ReentrantLock claimLock = new ReentrantLock();

	EmbeddedDeliveryRows(DispatchJdbc jdbc) {
		super(jdbc);
	}

	@Override
	String insertSql() {
		return INSERT;
	}

	@Override
	public List<ClaimedDelivery> claim(Instant now, Instant leaseEnd, int limit, List<String> subscribers,
			long orderedUpTo) {
		if (subscribers.isEmpty()) {
			return List.of();
		}
		this.claimLock.lock();
		try {
			List<ClaimedDelivery> due = this.jdbc.jdbc()
				.sql(SELECT_DUE)
				.param("now", this.jdbc.timestamp(now))
				.param("limit", limit)
				.param("orderedUpTo", orderedUpTo)
				.param("subscribers", names(subscribers))
				.query(ClaimedDelivery::of)
				.list();
			if (!due.isEmpty()) {
				renew(due.stream().map(ClaimedDelivery::id).toList(), leaseEnd);
			}
			return due;
		}
		finally {
			this.claimLock.unlock();
		}
	}

}
