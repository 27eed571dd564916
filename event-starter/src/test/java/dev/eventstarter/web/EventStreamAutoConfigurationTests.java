package dev.eventstarter.web;

import java.util.UUID;

import dev.eventstarter.store.EmbeddedVisibilityHorizon;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the live stream is served, and its bad settings.
 */
class EventStreamAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "events.dispatch.enabled=false");

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EventStreamHub.class));
	}

	@Test
	void onWhenEnabledWithTheEmbeddedHorizonOnH2() {
		this.runner.withPropertyValues("events.sse.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(EventStreamHub.class)
				.hasSingleBean(EventStreamController.class)
				.getBean(VisibilityHorizon.class)
				.isInstanceOf(EmbeddedVisibilityHorizon.class));
	}

	@Test
	void notInANonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "events.sse.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EventStreamHub.class));
	}

	@Test
	void badSettingsFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("events.sse.enabled=true", "events.sse.max-streams=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("events.sse.max-streams must be from 1 to 10000, but was 0"));
		this.runner.withPropertyValues("events.sse.enabled=true", "events.sse.path=stream")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("events.sse.path must start with '/', but was 'stream'"));
		this.runner.withPropertyValues("events.sse.enabled=true", "events.sse.buffer-size=-1")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("events.sse.buffer-size must be from 1 to 100000, but was -1"));
	}

}
