package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * connection kept for that, and reads the slot only on it, so that when the instance dies
 * its connection, its lock and any half-written batch go with it. The others try to take
 * over every {@code takeover-interval}.
 *
 * <p>
 * A round reads the transactions committed up to the flushed WAL position, inserts their
 * events in one transaction (ids in commit order; events already there are skipped), and
 * only after that commit confirms the position to the slot. A crash between the two reads
 * the same transactions again, and the unique event id absorbs them. Since only the
 * holder inserts, and one transaction at a time, ids become visible in order.
 */
public final class WalRelay implements SmartLifecycle, TransactionEventsListener {

	private static final Log logger = LogFactory.getLog(WalRelay.class);

	private static final long MAX_RETRY_MILLIS = 10_000;

	private final DataSource dataSource;

	private final WalSlot slot;

	private final EventWriter writer;

	private final Supplier<List<RelayedEventsListener>> listeners;

	private final Duration pollInterval;

	private final Duration takeoverInterval;

	private final int maxRows;

	private final AtomicBoolean signalled = new AtomicBoolean();

	private volatile boolean running;

	private volatile boolean leading;

	private volatile @Nullable String failure;

	private volatile @Nullable Thread thread;

	/**
	 * Create a relay.
	 * @param dataSource gives the connection the relay keeps while it leads
	 * @param slot the slot it reads
	 * @param notify whether each batch notifies the dispatchers of other instances
	 * @param listeners supplies those who hear about relayed events, asked after each
	 * batch: it should cache
	 * @param pollInterval how often the leader looks for transactions committed by other
	 * instances; this instance's own commits wake it at once
	 * @param takeoverInterval how often the other instances try to take over
	 * @param batchSize about how many transactions a round reads at most
	 */
	public WalRelay(DataSource dataSource, WalSlot slot, boolean notify,
			Supplier<List<RelayedEventsListener>> listeners, Duration pollInterval, Duration takeoverInterval,
			int batchSize) {
		this.dataSource = dataSource;
		this.slot = slot;
		this.writer = PostgresEventWriter.forRelay(notify);
		this.listeners = listeners;
		this.pollInterval = pollInterval;
		this.takeoverInterval = takeoverInterval;
		// pgoutput gives three rows per transaction: begin, the message, commit
		this.maxRows = Math.max(3, batchSize * 3);
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
		long target = this.slot.written();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.slot.confirmed() < target) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			signal();
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void afterCommit(List<PendingEvent> events) {
		// a standby has nothing to do with a commit
		if (this.leading) {
			signal();
		}
	}

	void signal() {
		Thread current = this.thread;
		if (current != null && this.signalled.compareAndSet(false, true)) {
			LockSupport.unpark(current);
		}
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
		long confirmed = this.slot.confirmed(connection);
		while (this.running) {
			long flushed = this.slot.flushed(connection);
			if (flushed <= confirmed) {
				this.failure = null;
				await(this.pollInterval);
				continue;
			}
			WalSlot.Decoded decoded = this.slot.peek(connection, flushed, this.maxRows);
			if (!decoded.events().isEmpty()) {
				insert(connection, decoded.events());
			}
			// with nothing left out, every transaction committed before the position was
			// read: the slot may skip to it, so that it keeps no WAL of unrelated work
			long to = decoded.truncated() ? decoded.lastCommit() : Math.max(flushed, decoded.lastCommit());
			if (to > confirmed) {
				this.slot.advance(connection, to);
				confirmed = to;
			}
			this.failure = null;
			if (!decoded.events().isEmpty()) {
				for (RelayedEventsListener listener : this.listeners.get()) {
					listener.relayed(decoded.events().size());
				}
			}
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
		if (!this.signalled.getAndSet(false)) {
			LockSupport.parkNanos(timeout.toNanos());
			this.signalled.set(false);
		}
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
