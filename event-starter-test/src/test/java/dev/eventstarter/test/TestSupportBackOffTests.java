package dev.eventstarter.test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.eventstarter.EventBus;
import dev.eventstarter.dispatch.DispatchProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the test support stays out of the way: an application started from the test class
 * path without the TestContext framework, and one with its own events clock.
 */
class TestSupportBackOffTests {

	@Test
	void anApplicationStartedOutsideATestContextRecordsNothingAndDispatches() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			assertThat(context.getBeanProvider(RecordedEvents.class).getIfAvailable()).isNull();
			assertThat(context.getBeanProvider(SettableClock.class).getIfAvailable()).isNull();
			assertThat(context.getBean(DispatchProperties.class).isEnabled()).isTrue();
		}
	}

	@Test
	void anApplicationsOwnEventsClockIsKept() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				OwnEventsClock.class)
			.web(WebApplicationType.NONE)
			.properties(ManualDispatchContextCustomizerFactory.TEST_CONTEXT + "=true")
			.run()) {
			assertThat(context.getBeanProvider(SettableClock.class).getIfAvailable()).isNull();
			assertThat(context.getBean(RecordedEvents.class)).isNotNull();
			context.getBean(EventBus.class).emit("clocks.checked", null);
			assertThat(context.getBean(RecordedEvents.class).all()).singleElement()
				.extracting(RecordedEvent::createdAt)
				.isEqualTo(OwnEventsClock.AT);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEventsClock {

		static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

		@Bean
		Clock eventsClock() {
			return Clock.fixed(AT, ZoneOffset.UTC);
		}

	}

}
