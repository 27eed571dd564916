package dev.eventstarter.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import dev.eventstarter.store.StoredEvent;

import org.springframework.jdbc.core.ConnectionCallback;

/**
 * Leases on MariaDB and MySQL: one row of {@code _event_leases} per round, naming the
 * claimed ids in a JSON array, written while no other instance claims. {@code GET_LOCK}
 * serializes the claimers across instances, on a name of the application's schema; it
 * belongs to the connection, so the claim runs on one connection from the lock to its
 * release, and a claimer that dies loses the lock with its connection. The claim runs in
 * {@code READ COMMITTED}: its reads take no gap locks that an acknowledgement could
 * deadlock with.
 */
final class MariaDbEventLeases implements EventLeases {

	private static final String LOCK = """
			select get_lock(concat(database(), '._event_leases'), ?)""";

	private static final String UNLOCK = """
			select release_lock(concat(database(), '._event_leases'))""";

	private static final String DELETE_EXPIRED = """
			delete from _event_leases where leased_until < ?""";

	// the leased ids are read once into a temporary set (the subquery does not depend on
	// the row), not once per candidate event
	private static final String SELECT_DUE = """
			select id, event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at,
			       priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata, erased_at
			from _events
			where dispatched_at is null and available_at <= ?
			  and id not in (select leased.id
			                 from _event_leases l,
			                      json_table(l.event_ids, '$[*]' columns (id bigint path '$')) leased)
			order by priority desc, id
			limit ?""";

	private static final String INSERT_LEASE = """
			insert into _event_leases (id, event_ids, leased_until) values (?, ?, ?)""";

	private static final String RENEW = """
			update _event_leases set leased_until = :leaseEnd where id = :lease""";

	private static final String DELETE_LEASE = """
			delete from _event_leases where id = :lease""";

	private static final String MARK_DISPATCHED = """
			update _events set dispatched_at = :now where id in (:ids)""";

	private static final int LOCK_SECONDS = 10;

	private final DispatchJdbc jdbc;

	MariaDbEventLeases(DispatchJdbc jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Claim claim(Instant now, Instant leaseEnd, int limit) {
		Claim claim = this.jdbc.jdbcTemplate().execute((ConnectionCallback<Claim>) (connection) -> {
			if (!lock(connection)) {
				// another instance has claimed for ten seconds: this one tries again
				// later
				return Claim.NONE;
			}
			boolean autoCommit = connection.getAutoCommit();
			int isolation = connection.getTransactionIsolation();
			try {
				connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
				connection.setAutoCommit(false);
				Claim claimed = claim(connection, now, leaseEnd, limit);
				// committed before the lock is released, so that the next claimer sees it
				connection.commit();
				return claimed;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
				connection.setTransactionIsolation(isolation);
				unlock(connection);
			}
		});
		return (claim != null) ? claim : Claim.NONE;
	}

	private Claim claim(Connection connection, Instant now, Instant leaseEnd, int limit) throws SQLException {
		try (PreparedStatement expired = connection.prepareStatement(DELETE_EXPIRED)) {
			expired.setObject(1, this.jdbc.timestamp(now));
			expired.executeUpdate();
		}
		List<StoredEvent> due = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement(SELECT_DUE)) {
			select.setObject(1, this.jdbc.timestamp(now));
			select.setInt(2, limit);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					due.add(this.jdbc.events().mapRow(rs, due.size()));
				}
			}
		}
		if (due.isEmpty()) {
			return Claim.NONE;
		}
		// random, so that an expired lease's late acknowledgement never ends a new one
		long lease = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		try (PreparedStatement insert = connection.prepareStatement(INSERT_LEASE)) {
			insert.setLong(1, lease);
			insert.setString(2,
					due.stream().map((event) -> Long.toString(event.id())).collect(Collectors.joining(",", "[", "]")));
			insert.setObject(3, this.jdbc.timestamp(leaseEnd));
			insert.executeUpdate();
		}
		return new Claim(lease, due);
	}

	private static boolean lock(Connection connection) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
			lock.setInt(1, LOCK_SECONDS);
			try (ResultSet rs = lock.executeQuery()) {
				return rs.next() && rs.getInt(1) == 1;
			}
		}
	}

	private static void unlock(Connection connection) throws SQLException {
		try (PreparedStatement unlock = connection.prepareStatement(UNLOCK)) {
			unlock.executeQuery().close();
		}
	}

	@Override
	public void renew(long lease, Instant leaseEnd) {
		this.jdbc.jdbc().sql(RENEW).param("leaseEnd", this.jdbc.timestamp(leaseEnd)).param("lease", lease).update();
	}

	@Override
	public void release(long lease) {
		this.jdbc.jdbc().sql(DELETE_LEASE).param("lease", lease).update();
	}

	@Override
	public void markDispatched(long lease, boolean endLease, List<StoredEvent> events, Instant now) {
		List<Long> eventIds = events.stream().map(StoredEvent::id).toList();
		if (eventIds.isEmpty()) {
			if (endLease) {
				release(lease);
			}
			return;
		}
		// one commit, not one per statement
		this.jdbc.transaction().executeWithoutResult((status) -> {
			this.jdbc.jdbc()
				.sql(MARK_DISPATCHED)
				.param("now", this.jdbc.timestamp(now))
				.param("ids", eventIds)
				.update();
			if (endLease) {
				release(lease);
			}
		});
	}

}
