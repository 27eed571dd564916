package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Delivery rows on MariaDB and MySQL: claimed with {@code FOR UPDATE SKIP LOCKED} in a
 * transaction that then marks them, so that any number of instances share the retries;
 * lists of ids are {@code IN} lists, as these databases have no arrays.
 */
final class MariaDbDeliveryRows extends JdbcDeliveryRows {

	private static final String INSERT = """
			insert into _event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, last_attempt_at,
			    last_error, ordering_key)
			values (?, ?, ?, ?, ?, ?, ?, ?)
			on duplicate key update id = id""";

	// a row of an ordered subscriber waits while an earlier row of its resource is
	// unfinished or an earlier event of its resource is not dispatched
	private static final String SELECT_DUE = """
			select d1.id, d1.event_id, d1.subscriber, d1.attempts, d1.ordering_key from _event_deliveries d1
			where d1.status in ('PENDING', 'FAILED') and d1.next_attempt_at <= :now
			  and (d1.claimed_until is null or d1.claimed_until < :now)
			  and d1.subscriber in (:subscribers)
			  and (d1.ordering_key is null
			       or (d1.event_id <= :orderedUpTo
			           and not exists (select 1 from _event_deliveries d2
			                           where d2.ordering_key = d1.ordering_key and d2.subscriber = d1.subscriber
			                             and d2.status <> 'SUCCEEDED' and d2.event_id < d1.event_id)
			           and not exists (select 1 from _events e1 join _events e2
			                             on e2.resource_name = e1.resource_name and e2.resource_id = e1.resource_id
			                           where e1.id = d1.event_id and e2.id < e1.id and e2.dispatched_at is null)))
			order by d1.next_attempt_at, d1.event_id
			limit :limit
			for update skip locked""";

	// a single-table delete takes a limit on MariaDB and MySQL
	private static final String PURGE = """
			delete from _event_deliveries where status = :status and last_attempt_at < :cutoff limit :limit""";

	private static final String RENEW = """
			update _event_deliveries set claimed_until = :leaseEnd where id in (:ids)""";

	private static final String RELEASE = """
			update _event_deliveries set claimed_until = null where id in (:ids)""";

	MariaDbDeliveryRows(DispatchJdbc jdbc) {
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
		List<ClaimedDelivery> claimed = this.jdbc.transaction().execute((status) -> {
			List<ClaimedDelivery> due = this.jdbc.jdbc()
				.sql(SELECT_DUE)
				.param("now", this.jdbc.timestamp(now))
				.param("limit", limit)
				.param("orderedUpTo", orderedUpTo)
				.param("subscribers", subscribers)
				.query(ClaimedDelivery::of)
				.list();
			if (!due.isEmpty()) {
				renew(due.stream().map(ClaimedDelivery::id).toList(), leaseEnd);
			}
			return due;
		});
		return (claimed != null) ? claimed : List.of();
	}

	@Override
	public void renew(Collection<Long> ids, Instant leaseEnd) {
		if (!ids.isEmpty()) {
			this.jdbc.jdbc().sql(RENEW).param("leaseEnd", this.jdbc.timestamp(leaseEnd)).param("ids", ids).update();
		}
	}

	@Override
	public void release(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.jdbc().sql(RELEASE).param("ids", ids).update();
		}
	}

}
