package dev.eventstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.eventstarter.EventStore;
import dev.eventstarter.context.OriginResolver;
import dev.eventstarter.dispatch.DispatchProperties;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EmbeddedEventWriter;
import dev.eventstarter.store.EmbeddedVisibilityHorizon;
import dev.eventstarter.store.EventEmitter;
import dev.eventstarter.store.EventHandOff;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRecorder;
import dev.eventstarter.store.EventWriter;
import dev.eventstarter.store.InFlightWrites;
import dev.eventstarter.store.JdbcEventStore;
import dev.eventstarter.store.MariaDbEventWriter;
import dev.eventstarter.store.MariaDbVisibilityHorizon;
import dev.eventstarter.store.PendingEventFactory;
import dev.eventstarter.store.PostgresEventWriter;
import dev.eventstarter.store.PostgresVisibilityHorizon;
import dev.eventstarter.store.RelayedEventsListener;
import dev.eventstarter.store.RelayedVisibilityHorizon;
import dev.eventstarter.store.TransactionEventsListener;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.store.WalEventWriter;
import dev.eventstarter.store.WalRelay;
import dev.eventstarter.store.WalSlot;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of event-starter's core: the database of the event tables, the
 * checks of the tables, the JSON, the write path and {@link EventStore}. Capture,
 * dispatch, origin, audit log, webhooks, SSE and the actuator parts have
 * auto-configurations of their own that need this one.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnBooleanProperty(name = "events.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({ EventsProperties.class, EventsJdbcProperties.class, StoreProperties.class,
		DispatchProperties.class })
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class EventsAutoConfiguration {

	/**
	 * The name of an optional {@link Clock} bean that replaces the system clock for event
	 * times, delays, retries, leases and retention: event-starter-test's
	 * {@code SettableClock} registers one.
	 */
	public static final String EVENTS_CLOCK = "eventsClock";

	@Bean
	DatabasePlatform eventsDatabasePlatform(DataSource dataSource) {
		return DatabasePlatform.of(dataSource);
	}

	@Bean
	static LazyInitializationExcludeFilter eventsLazyInitializationExcludeFilter() {
		// a missing table must fail startup, not the first event; so must a server that
		// cannot carry the WAL store mode, and its slot must exist before any write
		return LazyInitializationExcludeFilter.forBeanTypes(EventTablesCheck.class, WalSlot.class);
	}

	@Bean(autowireCandidate = false)
	@DependsOnDatabaseInitialization
	EventTablesCheck eventTablesCheck(DataSource dataSource, DatabasePlatform platform,
			EventsJdbcProperties properties) {
		// PostgreSQL's write path also fills the dispatcher's work list
		List<String> tables = switch (platform) {
			case POSTGRESQL -> List.of("_events", "_event_queue");
			case H2, MARIADB, MYSQL -> List.of("_events");
		};
		return new EventTablesCheck(dataSource, platform, properties, tables);
	}

	@Bean
	EventJson eventJson(ObjectProvider<JsonMapper> jsonMapper) {
		return new EventJson(jsonMapper.getIfUnique(JsonMapper::new));
	}

	@Bean
	InFlightWrites eventInFlightWrites() {
		return new InFlightWrites(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnProperty(name = "events.store.mode", havingValue = "wal")
	@DependsOnDatabaseInitialization
	WalSlot eventsWalSlot(DataSource dataSource, DatabasePlatform platform, StoreProperties store) {
		Assert.state(platform == DatabasePlatform.POSTGRESQL,
				() -> "events.store.mode=wal needs PostgreSQL, but the event tables are in " + platform
						+ "; remove the property or set it to table");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		String name = store.getWal().getSlot();
		WalSlot slot = new WalSlot(jdbc, (name != null) ? name : WalSlot.defaultName(jdbc),
				store.getWal().getPublication());
		slot.prepare();
		return slot;
	}

	@Bean
	@ConditionalOnProperty(name = "events.store.mode", havingValue = "wal")
	WalRelay eventsWalRelay(DataSource dataSource, WalSlot slot, StoreProperties store, DispatchProperties dispatch,
			ListableBeanFactory beanFactory, ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		StoreProperties.Wal wal = store.getWal();
		// the replication connection is opened with the data source's own settings
		JdbcConnectionDetails details = connectionDetails.getIfAvailable();
		Assert.state(details != null, "events.store.mode=wal opens a replication connection with the data source's "
				+ "URL, user and password, but no JdbcConnectionDetails bean tells them: configure the data source "
				+ "with spring.datasource.* or define a JdbcConnectionDetails bean");
		WalRelay.Server server = new WalRelay.Server(details.getJdbcUrl(), details.getUsername(),
				details.getPassword());
		return new WalRelay(dataSource, server, slot, dispatch.isNotify(),
				SingletonSupplier
					.of(() -> beanFactory.getBeanProvider(RelayedEventsListener.class).orderedStream().toList()),
				SingletonSupplier
					.of(() -> beanFactory.getBeanProvider(EventHandOff.class).getIfAvailable(() -> EventHandOff.NONE)),
				wal.getTakeoverInterval(), wal.getBatchSize());
	}

	@Bean
	VisibilityHorizon eventVisibilityHorizon(DataSource dataSource, DatabasePlatform platform,
			InFlightWrites inFlightWrites, DispatchProperties dispatch, StoreProperties store) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Duration heldBackWarning = dispatch.getHeldBackWarning();
		return switch (platform) {
			// in the WAL mode only the relay inserts, in commit order
			case POSTGRESQL -> (store.getMode() == StoreProperties.Mode.WAL) ? new RelayedVisibilityHorizon(jdbc)
					: new PostgresVisibilityHorizon(jdbc, heldBackWarning, Clock.systemUTC());
			case H2 -> new EmbeddedVisibilityHorizon(jdbc, inFlightWrites, heldBackWarning, Clock.systemUTC());
			case MARIADB, MYSQL -> new MariaDbVisibilityHorizon(dataSource, heldBackWarning, Clock.systemUTC());
		};
	}

	@Bean
	EventRecorder eventRecorder(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManager,
			DatabasePlatform platform, EventJson eventJson, ObjectProvider<OriginResolver> originResolver,
			EventsProperties properties, DispatchProperties dispatch, Environment environment,
			ListableBeanFactory beanFactory, InFlightWrites inFlightWrites, ObjectProvider<WalSlot> walSlot,
			@Qualifier(EVENTS_CLOCK) ObjectProvider<Clock> clock) {
		String source = (properties.getSource() != null) ? properties.getSource()
				: environment.getProperty("spring.application.name");
		PendingEventFactory eventFactory = new PendingEventFactory(eventJson.mapper(), source,
				originResolver.getIfAvailable(OriginResolver::contextOnly), clock.getIfAvailable(Clock::systemUTC));
		// an embedded database has no other writer: it tracks this JVM's writes in flight
		WritePath writePath = switch (platform) {
			case POSTGRESQL -> {
				WalSlot slot = walSlot.getIfAvailable();
				// in the WAL mode the relay notifies, once it inserted the rows
				yield (slot != null) ? new WritePath(new WalEventWriter(slot.prefix()), null)
						: new WritePath(new PostgresEventWriter(dispatch.isNotify(),
								SingletonSupplier.of(() -> beanFactory.getBeanProvider(EventHandOff.class)
									.getIfAvailable(() -> EventHandOff.NONE))),
								null);
			}
			case H2 -> {
				Assert.state(!dispatch.isNotify(), () -> "events.dispatch.notify=true needs PostgreSQL, but the event "
						+ "tables are in " + platform + "; remove the property");
				yield new WritePath(new EmbeddedEventWriter(), inFlightWrites);
			}
			case MARIADB, MYSQL -> {
				Assert.state(!dispatch.isNotify(), () -> "events.dispatch.notify=true needs PostgreSQL, but the event "
						+ "tables are in " + platform + "; remove the property");
				yield new WritePath(new MariaDbEventWriter(platform), null);
			}
		};
		// listeners are internal beans, asked for when the first event is recorded: they
		// may depend on beans that depend on the EntityManagerFactory capture hooks into
		return new EventRecorder(dataSource,
				() -> transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)),
				writePath.writer(), eventFactory,
				SingletonSupplier
					.of(() -> beanFactory.getBeanProvider(TransactionEventsListener.class).orderedStream().toList()),
				writePath.inFlightWrites());
	}

	@Bean
	EventEmitter eventEmitter(EventRecorder recorder, EventJson eventJson, EventsProperties properties) {
		return new EventEmitter(recorder, eventJson, (int) properties.getMaxPayloadSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean(EventStore.class)
	JdbcEventStore eventStore(DataSource dataSource, EventJson eventJson, DatabasePlatform platform,
			@Qualifier(EVENTS_CLOCK) ObjectProvider<Clock> clock) {
		return new JdbcEventStore(JdbcClient.create(dataSource), eventJson, platform,
				clock.getIfAvailable(Clock::systemUTC));
	}

	private record WritePath(EventWriter writer, @Nullable InFlightWrites inFlightWrites) {

	}

}
