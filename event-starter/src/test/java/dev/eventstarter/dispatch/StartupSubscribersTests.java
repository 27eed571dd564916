package dev.eventstarter.dispatch;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.OnEvent;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribers are known from the bean definitions, before their beans exist: for events
 * emitted while the application starts, and for lazy beans; what the definitions hide is
 * caught when the bean is created.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSubscribersTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "events.dispatch.enabled=false",
				"events.audit.enabled=false");

	@Test
	void anEventEmittedWhileTheApplicationStartsReachesInProcessSubscribers() {
		this.runner.withUserConfiguration(SeedingConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(recorder.received).containsExactly("inTransaction:seed.planted", "afterCommit:seed.planted");
		});
	}

	@Test
	void aLazyBeanWhoseDefinitionHidesItsTypeIsAddedWhenCreatedWithAnError(CapturedOutput output) {
		this.runner.withUserConfiguration(HiddenTypeConfiguration.class)
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EventBus bus = context.getBean(EventBus.class);
				bus.emit("hidden.first", 1);
				assertThat(bus.drain()).as("nothing knows the hidden subscriber yet").isZero();
				Handler handler = context.getBean(Handler.class);
				bus.emit("hidden.second", 2);
				assertThat(bus.drain()).isOne();
				assertThat(((HandlerImpl) handler).received).containsExactly("hidden.second");
				assertThat(output).contains("@OnEvent method " + HandlerImpl.class.getName()
						+ ".handle became known only when bean 'handler' was created, and events dispatched before "
						+ "did not reach it. Declare its @Bean method's return type as " + HandlerImpl.class.getName());
			});
	}

	static class Recorder {

		final List<String> received = new CopyOnWriteArrayList<>();

		@OnEvent(value = "seed.*", delivery = Delivery.IN_TRANSACTION)
		void inTransaction(Event event) {
			this.received.add("inTransaction:" + event.eventType());
		}

		@OnEvent(value = "seed.*", delivery = Delivery.AFTER_COMMIT)
		void afterCommit(Event event) {
			this.received.add("afterCommit:" + event.eventType());
		}

	}

	static class Seeder implements InitializingBean {

		private final EventBus bus;

		Seeder(EventBus bus, Recorder recorder) {
			this.bus = bus;
		}

		@Override
		public void afterPropertiesSet() {
			this.bus.emit("seed.planted", 1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SeedingConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		@DependsOnDatabaseInitialization
		Seeder seeder(EventBus bus, Recorder recorder) {
			return new Seeder(bus, recorder);
		}

	}

	interface Handler {

	}

	static class HandlerImpl implements Handler {

		final List<String> received = new CopyOnWriteArrayList<>();

		@OnEvent("hidden.*")
		void handle(Event event) {
			this.received.add(event.eventType());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HiddenTypeConfiguration {

		@Bean
		Handler handler() {
			return new HandlerImpl();
		}

	}

}
