package dev.eventstarter.erasure;

import java.time.Clock;

import javax.sql.DataSource;

import dev.eventstarter.EventErasure;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link EventErasure} on the event tables' database.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnBean(EventJson.class)
public final class ErasureAutoConfiguration {

	/**
	 * Most rows one transaction of an erasure reads and rewrites.
	 */
	static final int BATCH_SIZE = 500;

	@Bean
	@ConditionalOnMissingBean
	EventErasure eventErasure(DataSource dataSource, DatabasePlatform platform, EventJson eventJson,
			@Qualifier(EventsAutoConfiguration.EVENTS_CLOCK) ObjectProvider<Clock> clock) {
		ErasureStatements statements = switch (platform) {
			case POSTGRESQL -> ErasureStatements.POSTGRESQL;
			case H2 -> ErasureStatements.H2;
			case MARIADB, MYSQL -> ErasureStatements.MARIADB;
		};
		// each page commits on its own, even when called inside a transaction, so that no
		// lock outlives it
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return new JdbcEventErasure(new ErasureRows(new JdbcTemplate(dataSource), statements, platform),
				new ErasedForm(eventJson.mapper()), eventJson, transactions, clock.getIfAvailable(Clock::systemUTC),
				BATCH_SIZE);
	}

}
