package dev.eventstarter.dispatch;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventRowMapper;

import org.springframework.transaction.support.TransactionTemplate;

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
		DispatchJdbc jdbc = DispatchJdbc.of(dataSource, rowMapper);
		return switch (platform) {
			case POSTGRESQL -> new DispatchStores(new PostgresEventLeases(jdbc), new PostgresDeliveryRows(jdbc),
					new JdbcOrderingQueries(jdbc), new JdbcEventRows(jdbc, JdbcEventRows.PURGE_POSTGRESQL),
					jdbc.transaction());
			case H2 -> new DispatchStores(new EmbeddedEventLeases(jdbc), new EmbeddedDeliveryRows(jdbc),
					new JdbcOrderingQueries(jdbc), new JdbcEventRows(jdbc, JdbcEventRows.PURGE_H2), jdbc.transaction());
		};
	}

}
