package dev.eventstarter.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settled horizon on PostgreSQL, from any instance's writes. A transaction that
 * inserts into {@code _events} takes a {@code RowExclusiveLock} on the table before it
 * draws an id, and holds it until it ends; {@code pg_locks} lists it, fast-path locks
 * included. So: read the last id the identity sequence handed out, then the transactions
 * holding that lock, and call the id settled once none of them holds it any more. Every
 * id up to it was drawn by one of them or by a transaction that had ended, and committed
 * rows are visible before their locks are released.
 *
 * <p>
 * Only writers of {@code _events} count: an unrelated transaction, open for hours, holds
 * nothing back. When no writer holds the lock, the last id is settled at once. The
 * identity sequence must keep its default cache of 1, so that ids are handed out in order
 * across sessions.
 */
public final class PostgresVisibilityHorizon implements VisibilityHorizon {

	private static final String LAST_ID = """
			select pg_sequence_last_value(cast(pg_get_serial_sequence('_events', 'id') as regclass))""";

	private static final String WRITERS = """
			select virtualtransaction from pg_locks
			where locktype = 'relation' and mode = 'RowExclusiveLock' and granted
			  and database = (select oid from pg_database where datname = current_database())
			  and relation = cast('_events' as regclass)""";

	private static final String WRITER_DETAILS = """
			select l.virtualtransaction, a.pid, a.application_name, a.state, a.xact_start
			from pg_locks l left join pg_stat_activity a on a.pid = l.pid
			where l.locktype = 'relation' and l.mode = 'RowExclusiveLock' and l.granted
			  and l.database = (select oid from pg_database where datname = current_database())
			  and l.relation = cast('_events' as regclass)
			  and l.virtualtransaction in (:writers)
			order by a.xact_start nulls last""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final HeldBackWatch heldBack;

	private @Nullable Candidate candidate;

	private long settled = -1;

	/**
	 * Create a horizon.
	 * @param jdbc reads the sequence and the locks, outside any transaction
	 * @param heldBackWarning how long it may wait for the same transactions before they
	 * are reported
	 * @param clock the clock of that wait
	 */
	public PostgresVisibilityHorizon(JdbcClient jdbc, Duration heldBackWarning, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.heldBack = new HeldBackWatch(heldBackWarning, clock);
	}

	@Override
	public synchronized long settled() {
		long lastId = lastAllocated();
		// read after the id: a writer that drew an id up to it holds the lock now, or has
		// ended and its row is visible
		Set<String> writers = Set.copyOf(this.jdbc.sql(WRITERS).query(String.class).list());
		Candidate waiting = this.candidate;
		if (waiting != null && Collections.disjoint(waiting.writers(), writers)) {
			settle(waiting.lastId());
		}
		if (writers.isEmpty()) {
			settle(lastId);
		}
		else if (this.candidate == null && lastId > this.settled) {
			this.candidate = new Candidate(lastId, writers, this.clock.instant());
		}
		Candidate stillWaiting = this.candidate;
		if (stillWaiting != null) {
			Set<String> blocking = intersection(stillWaiting.writers(), writers);
			this.heldBack.waiting(stillWaiting.since(), () -> describe(stillWaiting, blocking));
		}
		return this.settled;
	}

	private void settle(long lastId) {
		if (lastId > this.settled) {
			this.settled = lastId;
		}
		this.candidate = null;
		this.heldBack.settled();
	}

	private HeldBack describe(Candidate candidate, Set<String> writers) {
		List<HeldBack.Blocker> blockers = this.jdbc.sql(WRITER_DETAILS)
			.param("writers", List.copyOf(writers))
			.query((rs, row) -> {
				Timestamp start = rs.getTimestamp("xact_start");
				return new HeldBack.Blocker(rs.getObject("pid", Integer.class), rs.getString("application_name"),
						rs.getString("state"), (start != null) ? start.toInstant() : null);
			})
			.list();
		return new HeldBack(candidate.since(), this.settled + 1, candidate.lastId(), blockers);
	}

	private static Set<String> intersection(Set<String> a, Set<String> b) {
		return a.stream().filter(b::contains).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public synchronized boolean isSettling() {
		return this.candidate != null;
	}

	@Override
	public @Nullable HeldBack heldBack() {
		return this.heldBack.current();
	}

	@Override
	public long lastAllocated() {
		Long last = this.jdbc.sql(LAST_ID).query(Long.class).optional().orElse(null);
		return (last != null) ? last : 0;
	}

	/**
	 * An id waiting to be settled, and the writers it waits for.
	 */
	private record Candidate(long lastId, Set<String> writers, Instant since) {

	}

}
