package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.eventstarter.store.StoredEvent;

import static dev.eventstarter.dispatch.DispatchJdbc.ids;

/**
 * Leases on H2, held in this JVM: an embedded database has one instance, so a lock here
 * serializes the claims and a map of leases tells which events are held.
 */
final class EmbeddedEventLeases implements EventLeases {

	private static final String SELECT_DUE_EVENTS = """
			select id, event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at,
			       priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata, erased_at
			from _events
			where dispatched_at is null and available_at <= :now and not (id = any(:leased))
			order by priority desc, id
			limit :limit""";

	private static final String MARK_DISPATCHED = """
			update _events set dispatched_at = :now where id = any(:ids)""";

	private final DispatchJdbc jdbc;

	private final ReentrantLock claimLock = new ReentrantLock();

	private final Map<Long, Lease> leases = new ConcurrentHashMap<>();

	private final AtomicLong leaseIds = new AtomicLong();

	EmbeddedEventLeases(DispatchJdbc jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Claim claim(Instant now, Instant leaseEnd, int limit) {
		this.claimLock.lock();
		try {
			List<Long> leased = new ArrayList<>();
			this.leases.values().removeIf((lease) -> lease.until().isBefore(now));
			this.leases.values().forEach((lease) -> leased.addAll(lease.eventIds()));
			List<StoredEvent> due = this.jdbc.jdbc()
				.sql(SELECT_DUE_EVENTS)
				.param("now", this.jdbc.timestamp(now))
				.param("limit", limit)
				.param("leased", ids(leased))
				.query(this.jdbc.events())
				.list();
			if (due.isEmpty()) {
				return Claim.NONE;
			}
			long lease = this.leaseIds.incrementAndGet();
			this.leases.put(lease, new Lease(due.stream().map(StoredEvent::id).toList(), leaseEnd));
			return new Claim(lease, due);
		}
		finally {
			this.claimLock.unlock();
		}
	}

	@Override
	public void renew(long lease, Instant leaseEnd) {
		this.leases.computeIfPresent(lease, (id, current) -> new Lease(current.eventIds(), leaseEnd));
	}

	@Override
	public void release(long lease) {
		this.leases.remove(lease);
	}

	@Override
	public void markDispatched(long lease, boolean endLease, List<StoredEvent> events, Instant now) {
		List<Long> eventIds = events.stream().map(StoredEvent::id).toList();
		if (!eventIds.isEmpty()) {
			this.jdbc.jdbc()
				.sql(MARK_DISPATCHED)
				.param("now", this.jdbc.timestamp(now))
				.param("ids", ids(eventIds))
				.update();
		}
	}

	@Override
	public void acknowledged(long lease, boolean endLease) {
		// only once the events are marked: a claim in between would take them again
		if (endLease) {
			this.leases.remove(lease);
		}
	}

	private record Lease(List<Long> eventIds, Instant until) {

	}

}
