package dev.eventstarter.dispatch;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.autoconfigure.EventTablesCheck;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.autoconfigure.EventsJdbcProperties;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventEmitter;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRowMapper;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.store.WalRelay;
import dev.eventstarter.tracing.DeliveryObservation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * Delivery of events: the {@code @OnEvent} methods and other subscribers, in-process
 * delivery, the dispatcher of durable deliveries with its stores, and {@link EventBus}.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnBean(EventEmitter.class)
@EnableConfigurationProperties({ DispatchProperties.class, DeliveryProperties.class, RetentionProperties.class })
public final class DispatchAutoConfiguration {

	@Bean(autowireCandidate = false)
	OnEventMethodProcessor eventSubscriberMethods() {
		return new OnEventMethodProcessor();
	}

	@Bean
	static LateSubscriberCheck eventLateSubscriberCheck(ObjectProvider<Subscribers> subscribers) {
		return new LateSubscriberCheck(subscribers);
	}

	@Bean
	Subscribers eventSubscribers(ListableBeanFactory beanFactory) {
		// sources are internal beans, collected once every singleton exists
		return new Subscribers(() -> beanFactory.getBeanProvider(SubscriberSource.class).orderedStream());
	}

	@Bean(autowireCandidate = false)
	@DependsOnDatabaseInitialization
	EventTablesCheck eventDispatchTablesCheck(DataSource dataSource, DatabasePlatform platform,
			EventsJdbcProperties properties) {
		List<String> tables = switch (platform) {
			case POSTGRESQL -> List.of("_event_deliveries", "_event_leases", "_event_dispatches");
			case MARIADB, MYSQL -> List.of("_event_deliveries", "_event_leases");
			case H2 -> List.of("_event_deliveries");
		};
		return new EventTablesCheck(dataSource, platform, properties, tables);
	}

	@Bean
	DispatchStores eventDispatchStores(DatabasePlatform platform, DataSource dataSource, EventJson eventJson) {
		return DispatchStores.of(platform, dataSource, new EventRowMapper(eventJson.mapper(), platform));
	}

	@Bean
	DeliveryObservation eventDeliveryObservation(ObjectProvider<ObservationRegistry> observationRegistry) {
		return new DeliveryObservation(
				SingletonSupplier.of(() -> observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP)));
	}

	@Bean(autowireCandidate = false)
	RetentionTask eventDeadDeliveriesRetention(DispatchStores stores, RetentionProperties properties,
			@Qualifier(EventsAutoConfiguration.EVENTS_CLOCK) ObjectProvider<Clock> clock) {
		// before the events, which the deleted rows no longer keep
		return RetentionTask.batched("dead deliveries", properties.getDead(), clock.getIfAvailable(Clock::systemUTC),
				Ordered.HIGHEST_PRECEDENCE,
				(cutoff, limit) -> stores.deliveries().purge(DeliveryStatus.DEAD, cutoff, limit));
	}

	@Bean(autowireCandidate = false)
	RetentionTask eventDispatchedRetention(DispatchStores stores, RetentionProperties properties,
			@Qualifier(EventsAutoConfiguration.EVENTS_CLOCK) ObjectProvider<Clock> clock) {
		return RetentionTask.batched("dispatched events", properties.getDispatched(),
				clock.getIfAvailable(Clock::systemUTC), Ordered.HIGHEST_PRECEDENCE + 1,
				stores.events()::purgeDispatched);
	}

	@Bean(autowireCandidate = false)
	RetentionTask eventSucceededDeliveriesRetention(DispatchStores stores, RetentionProperties properties,
			@Qualifier(EventsAutoConfiguration.EVENTS_CLOCK) ObjectProvider<Clock> clock) {
		return RetentionTask.batched("succeeded deliveries", properties.getSucceededDeliveries(),
				clock.getIfAvailable(Clock::systemUTC), Ordered.HIGHEST_PRECEDENCE + 2,
				(cutoff, limit) -> stores.deliveries().purge(DeliveryStatus.SUCCEEDED, cutoff, limit));
	}

	@Bean
	HandOff eventHandOff(DatabasePlatform platform, DispatchProperties dispatch, DispatchStores stores,
			EventJson eventJson, @Qualifier(EventsAutoConfiguration.EVENTS_CLOCK) ObjectProvider<Clock> eventsClock) {
		Clock clock = eventsClock.getIfAvailable(Clock::systemUTC);
		// only PostgreSQL's writer (in the WAL mode its relay) holds the rows it hands
		// over
		return new HandOff(platform == DatabasePlatform.POSTGRESQL, dispatch.getLease(), dispatch.getBatchSize(),
				eventJson.mapper(), clock, (events) -> stores.leases().hold(events, clock.instant()));
	}

	@Bean
	Dispatcher eventDispatcher(DispatchStores stores, Subscribers subscribers, DeliveryObservation observation,
			VisibilityHorizon visibilityHorizon, DispatchProperties dispatch, DeliveryProperties delivery,
			HandOff handOff, ListableBeanFactory beanFactory,
			@Qualifier(EventsAutoConfiguration.EVENTS_CLOCK) ObjectProvider<Clock> eventsClock) {
		// the events' clock times what is stored (leases, retries, dispatched_at); the
		// outage back-off is real waiting and keeps the system clock
		Clock clock = eventsClock.getIfAvailable(Clock::systemUTC);
		DispatchSettings settings = new DispatchSettings(dispatch.isEnabled(), dispatch.getPollInterval(),
				dispatch.getBatchSize(), dispatch.getLease(), dispatch.getConcurrency(),
				dispatch.getShutdownGracePeriod());
		ShutdownSignal shutdown = new ShutdownSignal();
		RetryPolicy retryPolicy = new RetryPolicy(delivery.getMaxAttempts(), delivery.getBackoff(),
				delivery.getInitialDelay(), delivery.getMaxDelay());
		DeliveryAttempt attempt = new DeliveryAttempt(observation, shutdown);
		DeliveryOutcomes outcomes = new DeliveryOutcomes(retryPolicy, clock);
		DeliveryWorkers workers = new DeliveryWorkers(settings.concurrency(), settings.lease(),
				settings.shutdownGracePeriod(), shutdown);
		OrderedHorizon horizon = new OrderedHorizon(visibilityHorizon, shutdown);
		RetrySchedule schedule = new RetrySchedule(settings.pollInterval());
		DeliveryWaits waits = new DeliveryWaits(stores.deliveries());
		AbandonedClaims abandoned = new AbandonedClaims();
		Acknowledgements acknowledgements = new Acknowledgements(stores.leases(), stores.deliveries(),
				stores::inTransaction, outcomes, schedule, waits, subscribers, clock);
		EventRound events = new EventRound(stores, subscribers, attempt, workers, horizon, acknowledgements, abandoned,
				settings, handOff, clock);
		RetryRound retries = new RetryRound(stores, subscribers, attempt, outcomes, workers, horizon, schedule, waits,
				abandoned, settings, clock);
		// retention tasks are internal beans, asked for when the first retention runs
		Retention retention = new Retention(
				SingletonSupplier.of(() -> beanFactory.getBeanProvider(RetentionTask.class).orderedStream().toList()),
				SingletonSupplier
					.of(() -> beanFactory.getBeanProvider(RetentionListener.class).orderedStream().toList()),
				shutdown, clock);
		return new Dispatcher(events, retries, acknowledgements, workers, retention,
				new OutageBackoff(settings.pollInterval(), Clock.systemUTC()), abandoned, schedule, horizon, waits,
				stores.deliveries(), subscribers, shutdown, settings, handOff,
				new HandOffDelivery(handOff, events, acknowledgements, subscribers, settings), clock);
	}

	@Bean
	LocalDelivery localEventDelivery(Subscribers subscribers, Dispatcher dispatcher, EventJson eventJson,
			DeliveryObservation deliveryObservation, HandOff handOff, ObjectProvider<WalRelay> relay) {
		return new LocalDelivery(subscribers, dispatcher, eventJson.mapper(), deliveryObservation, handOff,
				relay.getIfAvailable() != null);
	}

	@Bean
	@ConditionalOnMissingBean(EventBus.class)
	EventBus eventBus(EventEmitter emitter, LocalDelivery localDelivery, Dispatcher dispatcher,
			ObjectProvider<WalRelay> relay) {
		return new DispatchingEventBus(emitter, localDelivery, dispatcher, relay.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("events.dispatch.notify")
	@ConditionalOnBooleanProperty(name = "events.dispatch.enabled", matchIfMissing = true)
	@ConditionalOnClass(name = "org.postgresql.PGConnection")
	static class NotificationConfiguration {

		@Bean(autowireCandidate = false)
		PostgresNotificationListener eventNotificationListener(DataSource dataSource, Dispatcher dispatcher,
				DispatchProperties properties) {
			return new PostgresNotificationListener(dataSource, dispatcher, properties.getPollInterval());
		}

	}

}
