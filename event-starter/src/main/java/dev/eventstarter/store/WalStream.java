package dev.eventstarter.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The slot read over PostgreSQL's streaming replication protocol (pgjdbc's replication
 * API), on a replication connection of its own. The walsender decodes each WAL record
 * once and pushes the committed transactions in commit order; the relay confirms a
 * position only once the events before it are in {@code _events}. SQL polling of the slot
 * ({@code pg_logical_slot_peek_changes} then {@code pg_replication_slot_advance}) was
 * tried first: both calls decode from the slot's restart point, which trails by up to the
 * 15 s between running-transaction records, so the server decoded the same WAL over and
 * over.
 *
 * <p>
 * Only the walsender holding a slot may stream from it, so a second relay fails to start
 * until the first one's connection is gone.
 */
final class WalStream implements AutoCloseable {

	private final Connection connection;

	private final PGReplicationStream stream;

	private final byte[] prefix;

	private WalStream(Connection connection, PGReplicationStream stream, String prefix) {
		this.connection = connection;
		this.stream = stream;
		this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Open a replication connection and start streaming from the slot's confirmed
	 * position.
	 * @param target where the data source connects
	 * @param slot the slot
	 * @param publication the publication given to pgoutput
	 * @param prefix the prefix of this table's messages
	 * @return the stream
	 * @throws SQLException when the connection or the stream cannot be started, also
	 * while another walsender holds the slot
	 */
	static WalStream open(WalRelay.Server target, String slot, String publication, String prefix) throws SQLException {
		Properties properties = new Properties();
		if (target.username() != null) {
			PGProperty.USER.set(properties, target.username());
		}
		if (target.password() != null) {
			PGProperty.PASSWORD.set(properties, target.password());
		}
		PGProperty.REPLICATION.set(properties, "database");
		PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "9.4");
		PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
		PGProperty.APPLICATION_NAME.set(properties, "event-starter relay");
		Connection connection = DriverManager.getConnection(target.url(), properties);
		try {
			PGReplicationStream stream = connection.unwrap(PGConnection.class)
				.getReplicationAPI()
				.replicationStream()
				.logical()
				.withSlotName(slot)
				.withSlotOption("proto_version", "1")
				.withSlotOption("publication_names", publication)
				.withSlotOption("messages", "true")
				// also how soon a position advanced by keepalives reaches the slot
				.withStatusInterval(1, TimeUnit.SECONDS)
				.start();
			return new WalStream(connection, stream, prefix);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Read the next message.
	 * @param events receives the events of this table's messages
	 * @param block whether to wait until the walsender sends one (keepalives are answered
	 * meanwhile); the wait ends with an exception when the stream is closed
	 * @return what was read, or {@code null} when not blocking and nothing is pending
	 */
	@Nullable Read read(List<PendingEvent> events, boolean block) throws SQLException {
		ByteBuffer message = block ? this.stream.read() : this.stream.readPending();
		if (message == null) {
			return null;
		}
		int start = message.position();
		byte kind = message.get(start);
		return switch (kind) {
			case 'B' -> Read.BEGIN;
			// 'C', flags, the commit's LSN, then where its record ends: the position
			// after
			// the transaction
			case 'C' -> new Read(Kind.COMMIT, message.getLong(start + 10));
			case 'M' -> {
				ByteBuffer content = ourContent(message, start);
				if (content != null && content.hasRemaining()) {
					events.addAll(WalMessage.decode(content));
				}
				yield Read.OTHER;
			}
			default -> Read.OTHER;
		};
	}

	/**
	 * The content of a pgoutput message (protocol 1): 'M', flags, its LSN, the prefix as
	 * a C string, the length and the content; {@code null} when it is not a transactional
	 * message of this table. An empty content is a marker of
	 * {@link WalRelay#awaitRelayed}.
	 */
	private @Nullable ByteBuffer ourContent(ByteBuffer message, int start) {
		boolean transactional = (message.get(start + 1) & 1) != 0;
		int prefixStart = start + 10;
		int end = prefixStart;
		while (end < message.limit() && message.get(end) != 0) {
			end++;
		}
		if (!transactional || end - prefixStart != this.prefix.length) {
			return null;
		}
		for (int i = 0; i < this.prefix.length; i++) {
			if (message.get(prefixStart + i) != this.prefix[i]) {
				return null;
			}
		}
		int length = message.getInt(end + 1);
		return message.slice(end + 5, length);
	}

	/**
	 * Confirm a position: every transaction that committed before it is relayed. Sent at
	 * once; the slot keeps no WAL before it.
	 */
	void confirm(long position) throws SQLException {
		LogSequenceNumber lsn = LogSequenceNumber.valueOf(position);
		this.stream.setFlushedLSN(lsn);
		this.stream.setAppliedLSN(lsn);
		this.stream.forceUpdateStatus();
	}

	/**
	 * End the stream from another thread: its socket is closed at once, and a read
	 * blocked on it fails. Closing it normally would write to the connection while that
	 * read waits on it.
	 */
	void abort() {
		try {
			this.connection.abort(Runnable::run);
		}
		catch (SQLException | RuntimeException ex) {
			// closed already
		}
	}

	@Override
	public void close() {
		try {
			this.stream.close();
		}
		catch (SQLException | RuntimeException ex) {
			// the connection may be broken already
		}
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// as above
		}
	}

	enum Kind {

		BEGIN, COMMIT, OTHER

	}

	/**
	 * One message read.
	 *
	 * @param kind begin, commit or anything else
	 * @param end for a commit, where the transaction ends in the WAL
	 */
	record Read(Kind kind, long end) {

		static final Read BEGIN = new Read(Kind.BEGIN, -1);

		static final Read OTHER = new Read(Kind.OTHER, -1);

	}

}
