package dev.eventstarter.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of where a transaction's events go first: rows of
 * {@code _events} (the default), or, on PostgreSQL, a logical-decoding message that a
 * relay moves into {@code _events} after commit.
 */
@ConfigurationProperties("events.store")
public class StoreProperties {

	/**
	 * How a transaction records its events: table inserts them into _events; wal
	 * (PostgreSQL with wal_level=logical) writes them as one transactional WAL message,
	 * relayed into _events in commit order right after the commit.
	 */
	private Mode mode = Mode.TABLE;

	private final Wal wal = new Wal();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Wal getWal() {
		return this.wal;
	}

	/**
	 * Where a transaction's events go first.
	 */
	public enum Mode {

		/**
		 * Rows of {@code _events}, inserted in the transaction.
		 */
		TABLE,

		/**
		 * A transactional logical-decoding message, relayed into {@code _events}.
		 */
		WAL

	}

	/**
	 * The WAL store mode's slot and relay.
	 */
	public static class Wal {

		/**
		 * Name of the logical replication slot the relay reads. Slots belong to the whole
		 * server: by default event_starter_<database>_<schema>.
		 */
		private @Nullable String slot;

		/**
		 * Name of the publication given to the pgoutput plugin. It is created empty when
		 * missing: only the event messages are decoded, no table's rows.
		 */
		private String publication = "event_starter";

		/**
		 * How often a standby instance tries to take the slot over from one that stopped.
		 */
		private Duration takeoverInterval = Duration.ofSeconds(1);

		/**
		 * Most transactions the relay reads from the slot per round.
		 */
		private int batchSize = 1000;

		/**
		 * WAL kept on disk for the slot above which the health indicator reports DOWN.
		 */
		private DataSize maxRetained = DataSize.ofGigabytes(1);

		public @Nullable String getSlot() {
			return this.slot;
		}

		public void setSlot(@Nullable String slot) {
			this.slot = slot;
		}

		public String getPublication() {
			return this.publication;
		}

		public void setPublication(String publication) {
			this.publication = publication;
		}

		public Duration getTakeoverInterval() {
			return this.takeoverInterval;
		}

		public void setTakeoverInterval(Duration takeoverInterval) {
			Assert.isTrue(takeoverInterval.toMillis() >= 10 && takeoverInterval.toMinutes() <= 10,
					() -> "events.store.wal.takeover-interval must be from 10ms to 10m, but was " + takeoverInterval);
			this.takeoverInterval = takeoverInterval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			Assert.isTrue(batchSize >= 1 && batchSize <= 100_000,
					() -> "events.store.wal.batch-size must be between 1 and 100000, but was " + batchSize);
			this.batchSize = batchSize;
		}

		public DataSize getMaxRetained() {
			return this.maxRetained;
		}

		public void setMaxRetained(DataSize maxRetained) {
			Assert.isTrue(maxRetained.toBytes() > 0,
					() -> "events.store.wal.max-retained must be positive, but was " + maxRetained);
			this.maxRetained = maxRetained;
		}

	}

}
