package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the events of one transaction as a single statement or JDBC batch on that
 * transaction's connection: the only statement the starter adds to a writing transaction.
 */
public interface EventWriter {

	/**
	 * Insert events. The caller owns the connection and its transaction.
	 * @param connection the connection of the transaction the events belong to
	 * @param events the events to insert, at least one
	 * @throws SQLException if the insert fails
	 */
	void insert(Connection connection, List<PendingEvent> events) throws SQLException;

}
