package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The write path of the WAL store mode: a transaction's events become one transactional
 * logical-decoding message instead of rows. PostgreSQL decodes it only if the transaction
 * commits, and the relay ({@link WalRelay}) reads it back in commit order.
 */
public final class WalEventWriter implements EventWriter {

	private static final String EMIT = """
			select pg_logical_emit_message(true, ?, ?)""";

	private final String prefix;

	/**
	 * Create a writer.
	 * @param prefix the messages' prefix, which the relay of this event table reads
	 */
	public WalEventWriter(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public void insert(Connection connection, List<PendingEvent> events) throws SQLException {
		if (events.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(EMIT)) {
			statement.setString(1, this.prefix);
			statement.setBytes(2, WalMessage.encode(events));
			statement.execute();
		}
	}

}
