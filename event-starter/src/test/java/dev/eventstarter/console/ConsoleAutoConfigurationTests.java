package dev.eventstarter.console;

import java.util.UUID;

import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the console is served (issue 21): only when enabled, only in servlet applications,
 * and never without Spring Security unless the operator says so.
 */
class ConsoleAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "events.dispatch.enabled=false");

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void servedWhenEnabledWithSpringSecurityOnTheClasspath() {
		this.runner.withPropertyValues("events.console.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RouterFunction.class)
				.hasBean("eventsConsoleRoutes"));
	}

	@Test
	void refusesToStartWithoutSpringSecuritySayingWhatToAdd() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security."))
			.withPropertyValues("events.console.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("events.console.enabled=true, but Spring Security is not on the classpath")
				.hasMessageContaining("Add spring-boot-starter-security and a rule such as "
						+ ".requestMatchers(\"/events/console/**\").hasRole(\"ADMIN\")")
				.hasMessageContaining("or set events.console.allow-unsecured=true"));
	}

	@Test
	void startsWithoutSpringSecurityWhenUnsecuredIsAllowed() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security."))
			.withPropertyValues("events.console.enabled=true", "events.console.allow-unsecured=true")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("eventsConsoleRoutes"));
	}

	@Test
	void notInANonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "events.console.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("eventsConsoleRoutes"));
	}

}
