package dev.eventstarter.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.capture.CaptureIntegrator;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRecorder;
import dev.eventstarter.store.EventWriter;
import dev.eventstarter.store.JdbcEventStore;
import dev.eventstarter.store.PendingEventFactory;
import dev.eventstarter.store.TransactionalEventBus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of the event record: tables, the write path, {@link EventBus},
 * {@link EventStore}, and capture of JPA entity changes.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnBooleanProperty(name = "events.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(EventsProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class EventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnEventsDataSourceInitializationCondition.class)
	EventsDataSourceScriptDatabaseInitializer eventsDataSourceScriptDatabaseInitializer(DataSource dataSource,
			EventsProperties properties) {
		return new EventsDataSourceScriptDatabaseInitializer(dataSource, properties.getJdbc());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabasePlatform eventsDatabasePlatform(DataSource dataSource) {
		return DatabasePlatform.of(dataSource);
	}

	@Bean
	@DependsOnDatabaseInitialization
	EventTablesCheck eventTablesCheck(DataSource dataSource, DatabasePlatform platform, EventsProperties properties) {
		return new EventTablesCheck(dataSource, platform, properties.getJdbc());
	}

	@Bean
	@ConditionalOnMissingBean
	EventJson eventJson(ObjectProvider<JsonMapper> jsonMapper) {
		return new EventJson(jsonMapper.getIfUnique(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	EventRecorder eventRecorder(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManager,
			DatabasePlatform platform, EventJson eventJson, EventsProperties properties, Environment environment) {
		String source = (properties.getSource() != null) ? properties.getSource()
				: environment.getProperty("spring.application.name");
		PendingEventFactory eventFactory = new PendingEventFactory(eventJson.mapper(), source, Clock.systemUTC());
		return new EventRecorder(dataSource,
				() -> transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)),
				new EventWriter(platform), eventFactory);
	}

	@Bean
	@ConditionalOnMissingBean(EventBus.class)
	TransactionalEventBus eventBus(EventRecorder recorder, EventJson eventJson) {
		return new TransactionalEventBus(recorder, eventJson);
	}

	@Bean
	@ConditionalOnMissingBean(EventStore.class)
	JdbcEventStore eventStore(DataSource dataSource, EventJson eventJson) {
		return new JdbcEventStore(JdbcClient.create(dataSource), eventJson, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HibernatePropertiesCustomizer.class)
	@ConditionalOnBooleanProperty(name = "events.capture.enabled", matchIfMissing = true)
	static class CaptureConfiguration {

		@Bean
		HibernatePropertiesCustomizer eventCaptureHibernatePropertiesCustomizer(EventsProperties properties,
				EventJson eventJson, EventRecorder recorder) {
			EventsProperties.Capture capture = properties.getCapture();
			return new CaptureHibernatePropertiesCustomizer(
					new CaptureIntegrator(capture.getEntities(), capture.getOnError(), eventJson, recorder));
		}

	}

	static class OnEventsDataSourceInitializationCondition extends OnDatabaseInitializationCondition {

		OnEventsDataSourceInitializationCondition() {
			super("Events", "events.jdbc.initialize-schema");
		}

	}

}
