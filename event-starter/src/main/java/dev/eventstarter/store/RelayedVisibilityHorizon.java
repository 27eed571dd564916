package dev.eventstarter.store;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settled horizon of the WAL store mode: only the relay inserts into {@code _events},
 * one transaction at a time and in commit order, so the highest committed id is settled
 * and no transaction can hold back a lower one.
 */
public final class RelayedVisibilityHorizon implements VisibilityHorizon {

	private final JdbcClient jdbc;

	private volatile long settled = -1;

	/**
	 * Create a horizon.
	 * @param jdbc reads the highest id, outside any transaction
	 */
	public RelayedVisibilityHorizon(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public synchronized long settled() {
		// rows deleted by retention may lower the maximum: the horizon never goes back
		this.settled = Math.max(this.settled, lastAllocated());
		return this.settled;
	}

	@Override
	public boolean isSettling() {
		return false;
	}

	@Override
	public long lastAllocated() {
		Long last = this.jdbc.sql("select max(id) from _events").query(Long.class).optional().orElse(null);
		return (last != null) ? last : 0;
	}

	@Override
	public @Nullable HeldBack heldBack() {
		return null;
	}

}
