package dev.eventstarter.audit;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import dev.eventstarter.autoconfigure.EventTablesCheck;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.autoconfigure.EventsJdbcProperties;
import dev.eventstarter.dispatch.RetentionTask;
import dev.eventstarter.dispatch.Subscriber;
import dev.eventstarter.dispatch.SubscriberSource;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit-log subscriber, {@code events.audit.enabled} (on by default): a row of
 * {@code _audit_log} and a log line per event, and their retention.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnBean(EventJson.class)
@ConditionalOnBooleanProperty(name = "events.audit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuditProperties.class)
public final class AuditAutoConfiguration {

	@Bean
	AuditLog eventAuditLog(DataSource dataSource, DatabasePlatform platform, EventJson eventJson) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		AuditRows rows = switch (platform) {
			case POSTGRESQL -> new PostgresAuditRows(jdbc);
			case H2 -> new EmbeddedAuditRows(jdbc, eventJson.mapper());
			case MARIADB, MYSQL -> new MariaDbAuditRows(jdbc, eventJson.mapper());
		};
		return new AuditLog(rows, eventJson.mapper());
	}

	@Bean(autowireCandidate = false)
	@DependsOnDatabaseInitialization
	EventTablesCheck eventAuditTablesCheck(DataSource dataSource, DatabasePlatform platform,
			EventsJdbcProperties properties) {
		return new EventTablesCheck(dataSource, platform, properties, List.of("_audit_log"));
	}

	@Bean(autowireCandidate = false)
	SubscriberSource eventAuditLogSubscriber(AuditLog auditLog, AuditProperties properties) {
		Subscriber subscriber = Subscriber.durableBatch(AuditLog.SUBSCRIBER_ID, properties.getEvents(),
				auditLog::record);
		return () -> List.of(subscriber);
	}

	@Bean(autowireCandidate = false)
	RetentionTask eventAuditLogRetention(AuditLog auditLog, AuditProperties properties,
			@Qualifier(EventsAutoConfiguration.EVENTS_CLOCK) ObjectProvider<Clock> eventsClock) {
		return RetentionTask.batched("audit rows", properties.getRetention(),
				eventsClock.getIfAvailable(Clock::systemUTC), Ordered.LOWEST_PRECEDENCE, auditLog::purge);
	}

}
