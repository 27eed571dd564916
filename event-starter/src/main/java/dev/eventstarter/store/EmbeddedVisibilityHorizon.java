package dev.eventstarter.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settled horizon on an embedded database, where this JVM is the only writer: read
 * the last id H2's identity handed out, mark the moment, and call that id settled once
 * every event batch this JVM began before the mark has completed.
 */
public final class EmbeddedVisibilityHorizon implements VisibilityHorizon {

	private static final String NEXT_ID = """
			select identity_base from information_schema.columns
			where upper(table_name) = '_EVENTS' and upper(column_name) = 'ID' and table_schema = schema()""";

	private final JdbcClient jdbc;

	private final InFlightWrites inFlight;

	private long candidate = -1;

	private long mark;

	private long settled = -1;

	public EmbeddedVisibilityHorizon(JdbcClient jdbc, InFlightWrites inFlight) {
		this.jdbc = jdbc;
		this.inFlight = inFlight;
	}

	@Override
	public synchronized long settled() {
		if (this.candidate < 0) {
			nextCandidate();
		}
		if (this.candidate >= 0 && this.inFlight.completedBefore(this.mark)) {
			this.settled = this.candidate;
			this.candidate = -1;
			// ids taken meanwhile start settling now, so that a caller waiting for them
			// keeps polling quickly
			nextCandidate();
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
		}
	}

	@Override
	public synchronized boolean isSettling() {
		return this.candidate >= 0;
	}

	@Override
	public long lastAllocated() {
		return this.jdbc.sql(NEXT_ID).query(Long.class).single() - 1;
	}

}
