package dev.eventstarter.dispatch.instances;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * One instance of a multi-instance deployment: a durable subscriber counting, across
 * every instance in this JVM, how often each event arrived and where.
 */
@SpringBootApplication
public class InstanceApplication {

	static final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> deliveriesByInstance = new ConcurrentHashMap<>();

	static final Map<String, List<Long>> orderedByAccount = new ConcurrentHashMap<>();

	/**
	 * The events' time of every instance started with {@code instance.settable-clock}.
	 */
	static final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

	static final Map<UUID, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();

	/**
	 * Start an instance on a database, dispatching every 50 ms.
	 * @param name the instance's name, as it counts its deliveries
	 * @param database the server, whose credentials the instance uses
	 * @param url the JDBC URL of the shared database on that server
	 * @param arguments further arguments; they win over the ones given here
	 * @return the running instance
	 */
	static ConfigurableApplicationContext start(String name, TestDatabase database, String url, String... arguments) {
		// arguments, not default properties: they must win over the test
		// application.properties
		List<String> all = new ArrayList<>(List.of("--instance.name=" + name, "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--events.jdbc.initialize-schema=always",
				"--events.dispatch.enabled=true", "--events.dispatch.poll-interval=50ms",
				"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		all.addAll(database.arguments());
		all.addAll(List.of(arguments));
		// a property given twice would be joined with a comma: the last one wins
		Map<String, String> byName = new LinkedHashMap<>();
		all.forEach((argument) -> byName.put(argument.substring(0, argument.indexOf('=')), argument));
		return new SpringApplicationBuilder(InstanceApplication.class).web(WebApplicationType.NONE)
			.run(byName.values().toArray(String[]::new));
	}

	@Bean(EventsAutoConfiguration.EVENTS_CLOCK)
	@ConditionalOnBooleanProperty("instance.settable-clock")
	Clock eventsClock() {
		return new SharedClock();
	}

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	Recorder recorder(@Value("${instance.name}") String instance) {
		return new Recorder(instance);
	}

	static class Recorder {

		private final String instance;

		Recorder(String instance) {
			this.instance = instance;
		}

		@OnEvent(value = { "accounts.updated", "ledgers.updated" }, id = "accounts-in-order", ordered = true)
		void inOrder(Event event) {
			orderedByAccount
				.computeIfAbsent(event.resourceName() + "/" + event.resourceId(),
						(account) -> new CopyOnWriteArrayList<>())
				.add(event.id());
			deliveriesByInstance.computeIfAbsent(this.instance, (name) -> new AtomicInteger()).incrementAndGet();
		}

		@OnEvent(value = "poison.*", maxAttempts = 1)
		void poisoned(Event event) {
			throw new IllegalStateException("poisoned " + event.eventId());
		}

		@OnEvent("flaky.*")
		void flaky(Event event) {
			if (flakyAttempts.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet() == 1) {
				throw new IllegalStateException("fails once");
			}
		}

		@OnEvent("load.*")
		void received(Event event) {
			deliveries.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet();
			deliveriesByInstance.computeIfAbsent(this.instance, (name) -> new AtomicInteger()).incrementAndGet();
		}

	}

	/**
	 * The shared settable time, as a clock.
	 */
	static final class SharedClock extends Clock {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}

	}

}
