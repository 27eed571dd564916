package dev.eventstarter.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Wakes the dispatcher when another instance commits events, through PostgreSQL's
 * {@code LISTEN}: one connection held for that alone, opened again whenever it breaks.
 * After each (re)connection the dispatcher is woken once, for what a broken connection
 * may have missed; polling stays the correctness path.
 */
final class PostgresNotificationListener implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PostgresNotificationListener.class);

	private static final String LISTEN = """
			listen _events""";

	private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(10);

	private final DataSource dataSource;

	private final Dispatcher dispatcher;

	private final Duration pollInterval;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	PostgresNotificationListener(DataSource dataSource, Dispatcher dispatcher, Duration pollInterval) {
		this.dataSource = dataSource;
		this.dispatcher = dispatcher;
		this.pollInterval = pollInterval;
	}

	private void listen() {
		int failures = 0;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute(LISTEN);
				}
				if (failures > 0) {
					logger.info("Listening for event notifications again after " + failures + " failed attempts");
				}
				failures = 0;
				this.dispatcher.signal();
				PGConnection notifications = connection.unwrap(PGConnection.class);
				// notifications arrive at once; the timeout only bounds how late a stop
				// is noticed
				int timeout = (int) Math.max(1, Math.min(this.pollInterval.toMillis(), 500));
				while (this.running) {
					PGNotification[] received = notifications.getNotifications(timeout);
					if (received != null && received.length > 0) {
						this.dispatcher.signal();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.running) {
					return;
				}
				failures++;
				if (failures == 1) {
					logger.warn("Lost the connection listening for event notifications (" + ex.getMessage()
							+ "); reconnecting. Polling delivers meanwhile.");
				}
				sleep(Math.min(100L << Math.min(failures, 10), MAX_RECONNECT_DELAY.toMillis()));
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.running = true;
		Thread listener = new Thread(this::listen, "events-notification-listener");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread listener = this.thread;
		if (listener != null) {
			listener.interrupt();
			try {
				listener.join(2000);
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
