package dev.eventstarter.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

import javax.sql.DataSource;

import dev.eventstarter.store.EventRowMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.SqlArrayValue;
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
 */
record DispatchJdbc(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transaction,
		EventRowMapper events) {

	static DispatchJdbc of(DataSource dataSource, EventRowMapper events) {
		// a DataSource of its own identity: Spring binds no transaction resource to it
		DataSource ownConnections = new DelegatingDataSource(dataSource);
		JdbcTemplate jdbcTemplate = new JdbcTemplate(ownConnections);
		return new DispatchJdbc(JdbcClient.create(jdbcTemplate), jdbcTemplate,
				new TransactionTemplate(new DataSourceTransactionManager(ownConnections)), events);
	}

	static SqlArrayValue ids(Collection<Long> ids) {
		return new SqlArrayValue("bigint", ids.toArray());
	}

	static SqlArrayValue names(Collection<String> names) {
		return new SqlArrayValue("varchar", names.toArray());
	}

	static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
