package dev.eventstarter.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The least any design can add that writes an event row in the application's transaction:
 * one prepared insert of a row built in advance, with no capture, no JSON and no lookup.
 * The {@code floor} variant runs it with the starter off, so its ratio to plain JPA is
 * the best a capture variant could reach on this machine. The statement and the table are
 * those of the {@link BenchDatabase}.
 */
final class EventRowFloor {

	private static final String NEW_STATE = "{\"id\": 1, \"customer\": \"customer-1\", \"total\": 129.95, "
			+ "\"status\": \"%s\", \"note\": \"Deliver to the loading dock at the back of the building, "
			+ "ring twice and wait for the night shift\", \"version\": %d}";

	private static final String CREATED = "{\"old\": null, \"new\": " + NEW_STATE.formatted("NEW", 0)
			+ ", \"changes\": {\"added\": [\"id\", \"customer\", \"total\", \"status\", \"note\", \"version\"], "
			+ "\"updated\": [], \"removed\": []}}";

	private static final String UPDATED = "{\"old\": " + NEW_STATE.formatted("NEW", 0) + ", \"new\": "
			+ NEW_STATE.formatted("PAID", 1)
			+ ", \"changes\": {\"added\": [], \"updated\": [\"status\", \"version\"], \"removed\": []}}";

	private final DataSource dataSource;

	private final BenchDatabase database;

	private final String insert;

	private final String insertAndCommit;

	EventRowFloor(DataSource dataSource, BenchDatabase database) {
		this.dataSource = dataSource;
		this.database = database;
		this.insert = database.floorInsert();
		this.insertAndCommit = this.insert.strip() + "; commit";
		new ResourceDatabasePopulator(new ClassPathResource(database.schemaScript() + "/V1__event_starter_tables.sql"),
				new ClassPathResource(database.schemaScript() + "/V2__erased_at.sql"),
				new ClassPathResource(database.schemaScript() + "/V3__dispatch_queue.sql"))
			.execute(dataSource);
	}

	/**
	 * Insert the event and commit in one round trip, after Hibernate's last flush: an
	 * experiment, not a design, since anything written after it would miss the
	 * transaction.
	 * @param session the transaction's session
	 * @param created whether the transaction created the order
	 */
	void writeWithCommit(SharedSessionContractImplementor session, boolean created) {
		session.getTransactionCompletionCallbacks()
			.registerCallback((BeforeCompletionCallback) (completing) -> completing.doWork((connection) -> {
				try (PreparedStatement statement = connection.prepareStatement(this.insertAndCommit)) {
					bind(statement, created ? "orders.created" : "orders.updated", created ? CREATED : UPDATED);
					statement.execute();
				}
			}));
	}

	/**
	 * Insert a created or updated event just before the current transaction commits.
	 * @param created whether the transaction created the order
	 */
	void writeBeforeCommit(boolean created) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				insert(created ? "orders.created" : "orders.updated", created ? CREATED : UPDATED);
			}

		});
	}

	private void insert(String type, String data) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (PreparedStatement statement = connection.prepareStatement(this.insert)) {
			bind(statement, type, data);
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private void bind(PreparedStatement statement, String type, String data) throws SQLException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		this.database.bindFloorInsert(statement, type, data, new UUID(random.nextLong(), random.nextLong()),
				new UUID(random.nextLong(), random.nextLong()));
	}

}
