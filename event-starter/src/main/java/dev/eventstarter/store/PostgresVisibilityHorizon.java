package dev.eventstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settled horizon on PostgreSQL, from any instance's writes: read the last id the
 * identity sequence handed out, then take a snapshot of the running transactions, and
 * call that id settled once each of them has ended. Every id up to it was taken by a
 * transaction that had ended by then or was running in the snapshot.
 *
 * <p>
 * The snapshot is taken a margin after the id is read, because a transaction whose first
 * write is the event insert takes its id a moment before PostgreSQL gives it a
 * transaction id. A backend stalled for longer than the margin between the two could
 * still commit an id below the horizon late. The identity sequence must keep its default
 * cache of 1, so that ids are handed out in order across sessions.
 */
public final class PostgresVisibilityHorizon implements VisibilityHorizon {

	static final Duration MARGIN = Duration.ofMillis(100);

	private static final String LAST_ID = """
			select pg_sequence_last_value(cast(pg_get_serial_sequence('_events', 'id') as regclass))""";

	private static final String SNAPSHOT = "select cast(pg_current_snapshot() as text)";

	private static final String ENDED = """
			select not exists (select 1 from pg_snapshot_xip(cast(:snapshot as pg_snapshot)) as running(xid)
			where pg_xact_status(running.xid) = 'in progress')""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private @Nullable Long candidate;

	private @Nullable Instant candidateAt;

	private @Nullable String snapshot;

	private long settled = -1;

	public PostgresVisibilityHorizon(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public synchronized long settled() {
		Instant now = this.clock.instant();
		if (this.candidate == null) {
			nextCandidate(now);
			return this.settled;
		}
		if (this.snapshot == null) {
			if (now.isBefore(this.candidateAt.plus(MARGIN))) {
				return this.settled;
			}
			this.snapshot = this.jdbc.sql(SNAPSHOT).query(String.class).single();
		}
		boolean ended = this.jdbc.sql(ENDED).param("snapshot", this.snapshot).query(Boolean.class).single();
		if (ended) {
			this.settled = this.candidate;
			this.candidate = null;
			// ids taken meanwhile start settling now, so that a caller waiting for them
			// keeps polling quickly
			nextCandidate(now);
		}
		return this.settled;
	}

	private void nextCandidate(Instant now) {
		long lastId = lastAllocated();
		if (lastId > this.settled) {
			this.candidate = lastId;
			this.candidateAt = now;
			this.snapshot = null;
		}
	}

	@Override
	public synchronized boolean isSettling() {
		return this.candidate != null;
	}

	@Override
	public long lastAllocated() {
		Long last = this.jdbc.sql(LAST_ID).query(Long.class).optional().orElse(null);
		return (last != null) ? last : 0;
	}

}
