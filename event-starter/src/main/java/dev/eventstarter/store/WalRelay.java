package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Moves the events of the WAL store mode from the replication slot into {@code _events},
 * in commit order. One instance at a time relays: it holds a session advisory lock on a
 * connection kept for that, inserts only on it, and streams the slot ({@link WalStream})
 * only while it holds the lock, so that when the instance dies its lock and any
 * half-written batch go with its connection. The others try to take over every
 * {@code takeover-interval}.
 *
 * <p>
 * A round takes the transactions the walsender pushed, inserts their events in one
 * transaction (ids in commit order; events already there are skipped), and only after
 * that commit confirms the position to the slot. A crash between the two streams the same
 * transactions again, and the unique event id absorbs them. Since only the holder
 * inserts, and one transaction at a time, ids become visible in order.
 */
public final class WalRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WalRelay.class);

	private static final long MAX_RETRY_MILLIS = 10_000;

	private static final String MARK = """
			select cast(pg_logical_emit_message(true, ?, cast('' as bytea)) - '0/0' as bigint)""";

	private final DataSource dataSource;

	private final Server server;

	private final WalSlot slot;

	private final EventWriter writer;

	private final Supplier<List<RelayedEventsListener>> listeners;

	private final Duration takeoverInterval;

	private final int batchSize;

	private volatile boolean running;

	private volatile boolean leading;

	private volatile @Nullable String failure;

	private volatile @Nullable Thread thread;

	private volatile @Nullable WalStream stream;

	/**
	 * Create a relay.
	 * @param dataSource gives the connection the relay keeps while it leads, on which it
	 * inserts
	 * @param server where the data source connects, for the replication connection
	 * @param slot the slot it reads
	 * @param notify whether each batch notifies the dispatchers of other instances
	 * @param listeners supplies those who hear about relayed events, asked after each
	 * batch: it should cache
	 * @param handOff this instance's dispatcher's hand-off, asked for at the first batch
	 * @param takeoverInterval how often the other instances try to take over
	 * @param batchSize about how many transactions a round reads at most
	 */
	public WalRelay(DataSource dataSource, Server server, WalSlot slot, boolean notify,
			Supplier<List<RelayedEventsListener>> listeners, Supplier<EventHandOff> handOff, Duration takeoverInterval,
			int batchSize) {
		this.dataSource = dataSource;
		this.server = server;
		this.slot = slot;
		this.writer = new RelayedEventWriter(notify, handOff);
		this.listeners = listeners;
		this.takeoverInterval = takeoverInterval;
		this.batchSize = batchSize;
	}

	/**
	 * Whether this instance relays now.
	 * @return whether it holds the slot
	 */
	public boolean isLeading() {
		return this.leading;
	}

	/**
	 * The last error of the relay, while it has not had a successful round since.
	 * @return the message, or {@code null}
	 */
	public @Nullable String failure() {
		return this.failure;
	}

	public WalSlot slot() {
		return this.slot;
	}

	/**
	 * Wait until every transaction committed before the call is relayed, by whichever
	 * instance holds the slot.
	 * @param timeout the longest wait
	 * @return whether they were relayed in time
	 */
	public boolean awaitRelayed(Duration timeout) {
		long target = mark();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.slot.confirmed() <= target) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Write an empty message of this table in a transaction of its own, outside any the
	 * caller may be in, and tell where it is: once the slot confirmed a position past it,
	 * every transaction committed before it was relayed.
	 */
	private long mark() {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(MARK)) {
			connection.setAutoCommit(true);
			statement.setString(1, this.slot.prefix());
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not write the WAL relay's marker: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Where the data source connects, for the relay's replication connection: the same
	 * server, database and user.
	 *
	 * @param url the JDBC URL
	 * @param username the user, or {@code null}
	 * @param password the password, or {@code null}
	 */
	public record Server(String url, @Nullable String username, @Nullable String password) {

	}

	private void loop() {
		int failures = 0;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				if (!this.slot.tryLead(connection)) {
					this.failure = null;
					failures = 0;
					connection.close();
					await(this.takeoverInterval);
					continue;
				}
				try {
					this.leading = true;
					logger.info("Relaying events from replication slot '" + this.slot.name() + "'");
					relay(connection);
				}
				finally {
					this.leading = false;
					releaseQuietly(connection);
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.running) {
					return;
				}
				failures++;
				this.failure = ex.getMessage();
				if (failures == 1 || failures % 20 == 0) {
					logger.warn("Relaying events from replication slot '" + this.slot.name() + "' failed (" + failures
							+ " in a row), retrying: " + ex.getMessage(), (failures == 1) ? ex : null);
				}
				await(Duration.ofMillis(Math.min(100L << Math.min(failures, 10), MAX_RETRY_MILLIS)));
			}
		}
	}

	private void relay(Connection connection) throws SQLException {
		try (WalStream stream = WalStream.open(this.server, this.slot.name(), this.slot.publication(),
				this.slot.prefix())) {
			this.stream = stream;
			this.failure = null;
			List<PendingEvent> committed = new ArrayList<>();
			List<PendingEvent> open = new ArrayList<>();
			long lastCommit = -1;
			while (this.running) {
				// wait for the walsender, then take whatever else it sent meanwhile:
				// under
				// load, the transactions that committed during the last insert
				int transactions = 0;
				WalStream.Read read = stream.read(open, true);
				while (read != null) {
					if (read.kind() == WalStream.Kind.BEGIN) {
						open.clear();
					}
					else if (read.kind() == WalStream.Kind.COMMIT) {
						committed.addAll(open);
						open.clear();
						lastCommit = read.end();
						transactions++;
					}
					read = (transactions < this.batchSize) ? stream.read(open, false) : null;
				}
				if (transactions == 0) {
					continue;
				}
				int relayed = committed.size();
				if (relayed > 0) {
					insert(connection, committed);
					committed.clear();
					// before the confirmation, which fails when a stop aborts the stream:
					// the
					// rows are in, and those held for this instance's dispatcher must
					// reach it
					// (or be given back) rather than wait for their hold to end
					for (RelayedEventsListener listener : this.listeners.get()) {
						listener.relayed(relayed);
					}
				}
				stream.confirm(lastCommit);
			}
		}
		finally {
			this.stream = null;
		}
	}

	private void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		connection.setAutoCommit(false);
		try {
			this.writer.insert(connection, events);
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private void releaseQuietly(Connection connection) {
		try {
			if (!connection.isClosed()) {
				this.slot.stopLeading(connection);
			}
		}
		catch (SQLException | RuntimeException ex) {
			// a broken connection took the lock with it
		}
	}

	private void await(Duration timeout) {
		LockSupport.parkNanos(timeout.toNanos());
	}

	@Override
	public void start() {
		this.running = true;
		Thread relay = new Thread(this::loop, "events-wal-relay");
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
	}

	@Override
	public void stop() {
		this.running = false;
		WalStream current = this.stream;
		if (current != null) {
			// ends the blocking read
			current.abort();
		}
		Thread relay = this.thread;
		if (relay != null) {
			LockSupport.unpark(relay);
			try {
				relay.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
