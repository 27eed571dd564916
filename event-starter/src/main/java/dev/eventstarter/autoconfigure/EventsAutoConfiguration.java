package dev.eventstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.SessionVariablesContributor;
import dev.eventstarter.TenantResolver;
import dev.eventstarter.actuate.EventBacklog;
import dev.eventstarter.audit.AuditLog;
import dev.eventstarter.capture.CaptureIntegrator;
import dev.eventstarter.context.HibernateTenantResolver;
import dev.eventstarter.context.OriginResolver;
import dev.eventstarter.context.OriginSource;
import dev.eventstarter.context.SecurityOriginSource;
import dev.eventstarter.dispatch.DispatchSettings;
import dev.eventstarter.dispatch.Dispatcher;
import dev.eventstarter.dispatch.DispatchingEventBus;
import dev.eventstarter.dispatch.LocalDelivery;
import dev.eventstarter.dispatch.OnEventMethodProcessor;
import dev.eventstarter.dispatch.PostgresNotificationListener;
import dev.eventstarter.dispatch.RetryPolicy;
import dev.eventstarter.dispatch.Subscriber;
import dev.eventstarter.dispatch.Subscribers;
import dev.eventstarter.dispatch.SubscriberSource;
import dev.eventstarter.dispatch.RetentionTask;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventEmitter;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRecorder;
import dev.eventstarter.store.EmbeddedVisibilityHorizon;
import dev.eventstarter.store.EventWriter;
import dev.eventstarter.store.InFlightWrites;
import dev.eventstarter.store.JdbcEventStore;
import dev.eventstarter.store.PendingEventFactory;
import dev.eventstarter.store.PostgresVisibilityHorizon;
import dev.eventstarter.store.TransactionEventsListener;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.tracing.DeliveryObservation;
import dev.eventstarter.tracing.EmittedEventsCounter;
import dev.eventstarter.tracing.TracerOriginSource;
import dev.eventstarter.web.RequestOriginSource;
import dev.eventstarter.webhook.Webhook;
import dev.eventstarter.webhook.WebhookSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Auto-configuration of event-starter: the tables, the write path, capture of JPA entity
 * changes, {@link EventBus}, {@link EventStore}, {@code @OnEvent} subscribers and their
 * dispatcher.
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
	static LazyInitializationExcludeFilter eventsLazyInitializationExcludeFilter() {
		// a missing table must fail startup, not the first event
		return LazyInitializationExcludeFilter.forBeanTypes(EventTablesCheck.class);
	}

	@Bean
	@DependsOnDatabaseInitialization
	EventTablesCheck eventTablesCheck(DataSource dataSource, DatabasePlatform platform, EventsProperties properties) {
		List<String> tables = new ArrayList<>(List.of("_events"));
		if (platform == DatabasePlatform.POSTGRESQL) {
			tables.add("_event_leases");
		}
		if (properties.getAudit().isEnabled()) {
			tables.add("_audit_log");
		}
		return new EventTablesCheck(dataSource, platform, properties.getJdbc(), tables);
	}

	@Bean
	@ConditionalOnMissingBean
	EventJson eventJson(ObjectProvider<JsonMapper> jsonMapper) {
		return new EventJson(jsonMapper.getIfUnique(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	EventRecorder eventRecorder(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManager,
			DatabasePlatform platform, EventJson eventJson, OriginResolver originResolver, EventsProperties properties,
			Environment environment, ObjectProvider<TransactionEventsListener> listeners,
			InFlightWrites inFlightWrites) {
		String source = (properties.getSource() != null) ? properties.getSource()
				: environment.getProperty("spring.application.name");
		PendingEventFactory eventFactory = new PendingEventFactory(eventJson.mapper(), source, originResolver,
				Clock.systemUTC());
		// looked up when the first event is recorded: listeners may depend on beans that
		// depend on the EntityManagerFactory capture hooks into
		return new EventRecorder(dataSource,
				() -> transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)),
				new EventWriter(platform, notifyChannel(properties, platform)), eventFactory,
				SingletonSupplier.of(() -> listeners.orderedStream().toList()),
				(platform == DatabasePlatform.POSTGRESQL) ? null : inFlightWrites);
	}

	@Bean
	InFlightWrites eventInFlightWrites() {
		return new InFlightWrites(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	OriginResolver eventOriginResolver(ObjectProvider<OriginSource> sources,
			ObjectProvider<SessionVariablesContributor> contributors, ObjectProvider<TenantResolver> tenantResolver,
			ObjectProvider<EntityManagerFactory> entityManagerFactory) {
		// looked up when the first event is recorded: these beans may depend on the
		// EntityManagerFactory that capture hooks into
		TenantResolver hibernateTenantResolver = new HibernateTenantResolver(entityManagerFactory::getIfUnique);
		return new OriginResolver(SingletonSupplier.of(() -> sources.orderedStream().toList()),
				SingletonSupplier.of(() -> contributors.orderedStream().toList()),
				SingletonSupplier.of(() -> tenantResolver.getIfUnique(() -> hibernateTenantResolver)));
	}

	@Bean
	@ConditionalOnMissingBean
	DeliveryObservation eventDeliveryObservation(ObjectProvider<ObservationRegistry> observationRegistry) {
		return new DeliveryObservation(
				SingletonSupplier.of(() -> observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP)));
	}

	@Bean
	OnEventMethodProcessor eventSubscriberMethodProcessor() {
		return new OnEventMethodProcessor();
	}

	@Bean
	Subscribers eventSubscribers(ObjectProvider<SubscriberSource> sources) {
		return new Subscribers(sources::orderedStream);
	}

	@Bean
	@ConditionalOnMissingBean
	VisibilityHorizon eventVisibilityHorizon(DataSource dataSource, DatabasePlatform platform,
			InFlightWrites inFlightWrites, EventsProperties properties) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Duration heldBackWarning = properties.getDispatch().getHeldBackWarning();
		if (platform == DatabasePlatform.POSTGRESQL) {
			return new PostgresVisibilityHorizon(jdbc, heldBackWarning, Clock.systemUTC());
		}
		return new EmbeddedVisibilityHorizon(jdbc, inFlightWrites, heldBackWarning, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	Dispatcher eventDispatcher(DataSource dataSource, DatabasePlatform platform, EventJson eventJson,
			Subscribers subscribers, DeliveryObservation deliveryObservation, VisibilityHorizon horizon,
			EventsProperties properties, ObjectProvider<RetentionTask> retentionTasks) {
		EventsProperties.Delivery delivery = properties.getDelivery();
		Assert.state(delivery.getMaxDelay().compareTo(delivery.getInitialDelay()) >= 0,
				() -> "events.delivery.max-delay (" + delivery.getMaxDelay()
						+ ") must not be shorter than events.delivery.initial-delay (" + delivery.getInitialDelay()
						+ ")");
		RetryPolicy retryPolicy = new RetryPolicy(delivery.getMaxAttempts(), delivery.getBackoff(),
				delivery.getInitialDelay(), delivery.getMaxDelay());
		EventsProperties.Dispatch dispatch = properties.getDispatch();
		DispatchSettings settings = new DispatchSettings(dispatch.isEnabled(), dispatch.getPollInterval(),
				dispatch.getBatchSize(), dispatch.getLease(), dispatch.getConcurrency(),
				dispatch.getShutdownGracePeriod(), properties.getRetention().getDispatched());
		return new Dispatcher(dataSource, platform, eventJson.mapper(), subscribers, retryPolicy, settings,
				deliveryObservation, horizon, SingletonSupplier.of(() -> retentionTasks.orderedStream().toList()),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	LocalDelivery localEventDelivery(Subscribers subscribers, Dispatcher dispatcher, EventJson eventJson,
			DeliveryObservation deliveryObservation) {
		return new LocalDelivery(subscribers, dispatcher, eventJson.mapper(), deliveryObservation);
	}

	@Bean
	@ConditionalOnMissingBean
	EventEmitter eventEmitter(EventRecorder recorder, EventJson eventJson, EventsProperties properties) {
		return new EventEmitter(recorder, eventJson, (int) properties.getMaxPayloadSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean(EventBus.class)
	DispatchingEventBus eventBus(EventEmitter emitter, LocalDelivery localDelivery, Dispatcher dispatcher) {
		return new DispatchingEventBus(emitter, localDelivery, dispatcher);
	}

	@Bean
	@ConditionalOnMissingBean
	EventBacklog eventBacklog(DataSource dataSource) {
		return new EventBacklog(dataSource, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(EventStore.class)
	JdbcEventStore eventStore(DataSource dataSource, EventJson eventJson) {
		return new JdbcEventStore(JdbcClient.create(dataSource), eventJson, Clock.systemUTC());
	}

	private static @Nullable String notifyChannel(EventsProperties properties, DatabasePlatform platform) {
		if (!properties.getDispatch().isNotify()) {
			return null;
		}
		Assert.state(platform == DatabasePlatform.POSTGRESQL,
				() -> "events.dispatch.notify=true needs PostgreSQL, but the event tables are in " + platform
						+ "; remove the property");
		return PostgresNotificationListener.CHANNEL;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("events.dispatch.notify")
	@ConditionalOnBooleanProperty(name = "events.dispatch.enabled", matchIfMissing = true)
	@ConditionalOnClass(name = "org.postgresql.PGConnection")
	static class NotificationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PostgresNotificationListener eventNotificationListener(DataSource dataSource, Dispatcher dispatcher,
				EventsProperties properties) {
			return new PostgresNotificationListener(dataSource, dispatcher, properties.getDispatch().getPollInterval());
		}

	}

	@Bean
	SubscriberSource eventWebhookSubscribers(EventsProperties properties, EventJson eventJson) {
		List<Subscriber> webhooks = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < properties.getWebhooks().size(); i++) {
			EventsProperties.Webhook configured = properties.getWebhooks().get(i);
			String property = "events.webhooks[" + i + "]";
			Webhook webhook = Webhook.of(property, configured.getName(), configured.getUrl(), configured.getEvents(),
					configured.getSecret(), configured.getHeaders(), configured.getTimeout(),
					configured.getMaxAttempts());
			Assert.state(names.add(webhook.name()), () -> property + ".name '" + webhook.name()
					+ "' is the name of an earlier webhook too; give each webhook its own name");
			webhooks.add(Subscriber.durable(webhook.subscriberId(), webhook.events(), webhook.maxAttempts(), null,
					new WebhookSender(webhook, eventJson, Clock.systemUTC())));
		}
		return () -> webhooks;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "events.audit.enabled", matchIfMissing = true)
	static class AuditConfiguration {

		private static final int PURGE_BATCH_SIZE = 1000;

		@Bean
		@ConditionalOnMissingBean
		AuditLog eventAuditLog(DataSource dataSource, DatabasePlatform platform, EventJson eventJson) {
			return new AuditLog(dataSource, platform, eventJson.mapper());
		}

		@Bean
		SubscriberSource eventAuditLogSubscriber(AuditLog auditLog, EventsProperties properties) {
			Subscriber subscriber = Subscriber.durableBatch(AuditLog.SUBSCRIBER_ID, properties.getAudit().getEvents(),
					auditLog::record);
			return () -> List.of(subscriber);
		}

		@Bean
		RetentionTask eventAuditLogRetention(AuditLog auditLog, EventsProperties properties) {
			Duration retention = properties.getAudit().getRetention();
			return (stopping) -> {
				if (retention.isZero()) {
					return;
				}
				Instant cutoff = Instant.now().minus(retention);
				while (auditLog.purge(cutoff, PURGE_BATCH_SIZE) == PURGE_BATCH_SIZE && !stopping.getAsBoolean()) {
					// the next batch
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ RequestContextHolder.class, HttpServletRequest.class })
	static class RequestOriginConfiguration {

		@Bean
		RequestOriginSource eventRequestOriginSource() {
			return new RequestOriginSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
	static class SecurityOriginConfiguration {

		@Bean
		SecurityOriginSource eventSecurityOriginSource() {
			return new SecurityOriginSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
	static class TracerOriginConfiguration {

		@Bean
		TracerOriginSource eventTracerOriginSource(ObjectProvider<Tracer> tracer) {
			SingletonSupplier<Optional<Tracer>> lookup = SingletonSupplier
				.of(() -> Optional.ofNullable(tracer.getIfUnique()));
			return new TracerOriginSource(() -> lookup.obtain().orElse(null));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class MetricsConfiguration {

		@Bean
		EmittedEventsCounter emittedEventsCounter(ObjectProvider<MeterRegistry> meterRegistry) {
			SingletonSupplier<Optional<MeterRegistry>> lookup = SingletonSupplier
				.of(() -> Optional.ofNullable(meterRegistry.getIfUnique()));
			return new EmittedEventsCounter(() -> lookup.obtain().orElse(null));
		}

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
