package dev.eventstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settled horizon on an embedded database, where this JVM is the only writer: read
 * the last id H2's identity handed out, mark the moment, and call that id settled once
 * every event batch this JVM began before the mark has completed. Other transactions hold
 * nothing back.
 */
public final class EmbeddedVisibilityHorizon implements VisibilityHorizon {

	private static final String NEXT_ID = """
			select identity_base from information_schema.columns
			where upper(table_name) = '_EVENTS' and upper(column_name) = 'ID' and table_schema = schema()""";

	private final JdbcClient jdbc;

	private final InFlightWrites inFlight;

	private final Clock clock;

	private final HeldBackWatch heldBack;

	private long candidate = -1;

	private long mark;

	private Instant markedAt = Instant.EPOCH;

	private long settled = -1;

	/**
	 * Create a horizon.
	 * @param jdbc reads the identity
	 * @param inFlight the batches of this JVM in flight
	 * @param heldBackWarning how long it may wait for the same batches before they are
	 * reported
	 * @param clock the clock of that wait
	 */
	public EmbeddedVisibilityHorizon(JdbcClient jdbc, InFlightWrites inFlight, Duration heldBackWarning, Clock clock) {
		this.jdbc = jdbc;
		this.inFlight = inFlight;
		this.clock = clock;
		this.heldBack = new HeldBackWatch(heldBackWarning, clock);
	}

	@Override
	public synchronized long settled() {
		if (this.candidate < 0) {
			nextCandidate();
		}
		if (this.candidate >= 0 && this.inFlight.completedBefore(this.mark)) {
			this.settled = this.candidate;
			this.candidate = -1;
			this.heldBack.settled();
			// ids taken meanwhile start settling now, so that a caller waiting for them
			// keeps polling quickly
			nextCandidate();
		}
		if (this.candidate >= 0) {
			long waitingFor = this.candidate;
			this.heldBack.waiting(this.markedAt, () -> new HeldBack(this.markedAt, this.settled + 1, waitingFor,
					this.inFlight.inFlightBefore(this.mark)));
		}
		return this.settled;
	}

	private void nextCandidate() {
		long lastId = lastAllocated();
		if (lastId > this.settled) {
			// the id is read first: a batch that took an id up to it began before the
			// mark
			this.candidate = lastId;
			this.mark = this.inFlight.mark();
			this.markedAt = this.clock.instant();
		}
	}

	@Override
	public synchronized boolean isSettling() {
		return this.candidate >= 0;
	}

	@Override
	public @Nullable HeldBack heldBack() {
		return this.heldBack.current();
	}

	@Override
	public long lastAllocated() {
		return this.jdbc.sql(NEXT_ID).query(Long.class).single() - 1;
	}

}
