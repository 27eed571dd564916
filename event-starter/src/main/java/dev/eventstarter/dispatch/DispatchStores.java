package dev.eventstarter.dispatch;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventRowMapper;

import org.springframework.transaction.support.TransactionTemplate;

import static org.springframework.transaction.TransactionDefinition.ISOLATION_DEFAULT;
import static org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED;

/**
 * The dispatcher's SQL, one implementation of each store per database, chosen once.
 *
 * @param leases claims of due events
 * @param deliveries the delivery rows
 * @param ordering what holds back ordered deliveries
 * @param events the event rows read back and purged
 * @param transaction runs statements of several stores in one transaction
 */
record DispatchStores(EventLeases leases, DeliveryRows deliveries, OrderingQueries ordering, EventRows events,
		TransactionTemplate transaction) {

	void inTransaction(Runnable work) {
		this.transaction.executeWithoutResult((status) -> work.run());
	}

	static DispatchStores of(DatabasePlatform platform, DataSource dataSource, EventRowMapper rowMapper) {
		return switch (platform) {
			case POSTGRESQL -> postgres(DispatchJdbc.of(dataSource, rowMapper, platform, ISOLATION_DEFAULT));
			case H2 -> embedded(DispatchJdbc.of(dataSource, rowMapper, platform, ISOLATION_DEFAULT));
			// InnoDB's repeatable read locks every row a locking scan passes, and the
			// gaps
			// between them: a purge would wait for a writer's uncommitted row
			case MARIADB, MYSQL -> mariaDb(DispatchJdbc.of(dataSource, rowMapper, platform, ISOLATION_READ_COMMITTED));
		};
	}

	private static DispatchStores postgres(DispatchJdbc jdbc) {
		return new DispatchStores(new PostgresEventLeases(jdbc), new PostgresDeliveryRows(jdbc),
				JdbcOrderingQueries.forPostgres(jdbc), JdbcEventRows.forPostgres(jdbc), jdbc.transaction());
	}

	private static DispatchStores embedded(DispatchJdbc jdbc) {
		return new DispatchStores(new EmbeddedEventLeases(jdbc), new EmbeddedDeliveryRows(jdbc),
				JdbcOrderingQueries.withArrays(jdbc), JdbcEventRows.forH2(jdbc), jdbc.transaction());
	}

	private static DispatchStores mariaDb(DispatchJdbc jdbc) {
		return new DispatchStores(new MariaDbEventLeases(jdbc), new MariaDbDeliveryRows(jdbc),
				JdbcOrderingQueries.withInLists(jdbc), new MariaDbEventRows(jdbc), jdbc.transaction());
	}

}
