package dev.eventstarter.test;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.dispatch.DispatchAutoConfiguration;
import dev.eventstarter.dispatch.DispatchProperties;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test support: records events, sets the events' clock and reads deliveries. Only in
 * contexts of the Spring TestContext framework (their customizer sets the property this
 * backs off without), so that an application started from the test class path some other
 * way records nothing. It joins {@code @DataJpaTest} slices too.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, DispatchAutoConfiguration.class })
@ConditionalOnBean(EventJson.class)
@ConditionalOnBooleanProperty(ManualDispatchContextCustomizerFactory.TEST_CONTEXT)
public final class EventsTestAutoConfiguration {

	@Bean
	RecordedEvents recordedEvents() {
		return new RecordedEvents();
	}

	@Bean
	EventRecording eventRecording(RecordedEvents recordedEvents, EventJson eventJson) {
		return new EventRecording(recordedEvents, eventJson.mapper());
	}

	// a fallback: an application's own Clock bean stays the one injected by type
	@Bean(EventsAutoConfiguration.EVENTS_CLOCK)
	@ConditionalOnMissingBean(name = EventsAutoConfiguration.EVENTS_CLOCK)
	@Fallback
	SettableClock eventsClock() {
		return new SettableClock();
	}

	@Bean
	EventDeliveries eventDeliveries(DataSource dataSource, DatabasePlatform platform) {
		return new EventDeliveries(JdbcClient.create(dataSource), platform);
	}

	@Bean
	@ConditionalOnBean(EventBus.class)
	EventScenario eventScenario(RecordedEvents recordedEvents, EventBus bus, EventDeliveries deliveries,
			DispatchProperties dispatch) {
		return new EventScenario(recordedEvents, bus, deliveries, dispatch.isEnabled());
	}

}
