package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Collection;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventRowMapper;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connections the dispatcher's stores share: their own, never the caller's
 * transaction, since claims must commit before handlers run, whoever calls.
 *
 * @param jdbc runs statements, each in a transaction of its own unless
 * {@link #transaction} runs them
 * @param jdbcTemplate runs batches
 * @param transaction runs several statements in one transaction of these connections
 * @param events maps event rows
 * @param platform binds times
 */
record DispatchJdbc(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transaction, EventRowMapper events,
		DatabasePlatform platform) {

	/**
	 * Create the connections of the dispatcher's stores.
	 * @param isolation the isolation level of their transactions, such as
	 * {@link TransactionDefinition#ISOLATION_DEFAULT}
	 */
	static DispatchJdbc of(DataSource dataSource, EventRowMapper events, DatabasePlatform platform, int isolation) {
		// a DataSource of its own identity: Spring binds no transaction resource to it
		DataSource ownConnections = new DelegatingDataSource(dataSource);
		JdbcTemplate jdbcTemplate = new JdbcTemplate(ownConnections);
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(ownConnections));
		transaction.setIsolationLevel(isolation);
		return new DispatchJdbc(JdbcClient.create(jdbcTemplate), jdbcTemplate, transaction, events, platform);
	}

	static SqlArrayValue ids(Collection<Long> ids) {
		return new SqlArrayValue("bigint", ids.toArray());
	}

	static SqlArrayValue priorities(Collection<StoredEvent> events) {
		return new SqlArrayValue("smallint", events.stream().map((event) -> (short) event.priority()).toArray());
	}

	static SqlArrayValue names(Collection<String> names) {
		return new SqlArrayValue("varchar", names.toArray());
	}

	@Nullable Object timestamp(@Nullable Instant instant) {
		return this.platform.timestamp(instant);
	}

}
