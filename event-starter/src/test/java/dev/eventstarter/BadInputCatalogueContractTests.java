package dev.eventstarter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.eventstarter.actuate.EventErasureEndpoint;
import dev.eventstarter.actuate.EventsEndpoint;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.autoconfigure.EventsSchemaAutoConfiguration;
import dev.eventstarter.context.OriginAutoConfiguration;
import dev.eventstarter.dispatch.DispatchAutoConfiguration;
import dev.eventstarter.erasure.ErasureAutoConfiguration;
import dev.eventstarter.web.EventStreamController;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every kind of bad input a user or operator can give, in one catalogue: the exact error
 * type, a message that says what to fix, and nothing written. The feature tests check the
 * same mistakes in place (over HTTP, on PostgreSQL); this is the list to read and to
 * grow. It runs on each database the tables can live in: the application under test and
 * every application started to fail share one database, so that "nothing written" covers
 * them all.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class BadInputCatalogueContractTests {

	private static final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("events.dispatch.enabled=false");

	private static final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("events.dispatch.enabled=false", "events.console.enabled=true");

	private ConfigurableApplicationContext context;

	private EventBus bus;

	private EventErasure erasure;

	private JdbcClient jdbc;

	/**
	 * The properties that put the event tables in the database under test.
	 * @return {@code spring.datasource.*} and {@code events.jdbc.*} properties
	 */
	abstract Map<String, String> databaseProperties();

	@BeforeAll
	void startApplication() {
		List<String> arguments = new ArrayList<>(
				List.of("--events.dispatch.enabled=false", "--spring.main.banner-mode=off"));
		databaseProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		this.context = new SpringApplicationBuilder(CatalogueApplication.class).web(WebApplicationType.NONE)
			.run(arguments.toArray(String[]::new));
		this.bus = this.context.getBean(EventBus.class);
		this.erasure = this.context.getBean(EventErasure.class);
		this.jdbc = JdbcClient.create(this.context.getBean(DataSource.class));
	}

	@AfterAll
	void stopApplication() {
		this.context.close();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("catalogue")
	void badInputGetsAClearErrorAndWritesNothing(String category, String mistake, ThrowingCallable input,
			Class<? extends Throwable> type, String message) {
		long before = eventCount();
		Throwable thrown = catchThrowable(input);
		assertThat(thrown).as("%s: %s", category, mistake).isExactlyInstanceOf(type).hasMessageContaining(message);
		assertThat(eventCount()).as("nothing written").isEqualTo(before);
	}

	Stream<Arguments> catalogue() {
		List<Arguments> cases = new ArrayList<>();
		emitOptions(cases);
		emitArguments(cases);
		queries(cases);
		contexts(cases);
		erasures(cases);
		operatorRequests(cases);
		webhooks(cases);
		subscribers(cases);
		properties(cases);
		console(cases);
		databaseCases(cases);
		return cases.stream();
	}

	/**
	 * Add the mistakes that only the database under test can show.
	 * @param cases the catalogue
	 */
	void databaseCases(List<Arguments> cases) {
	}

	private static void emitOptions(List<Arguments> cases) {
		String category = "EmitOptions";
		illegal(cases, category, "priority above 10", () -> EmitOptions.builder().priority(11),
				"priority must be between 0 and 10, but was 11");
		illegal(cases, category, "negative priority", () -> EmitOptions.builder().priority(-1),
				"priority must be between 0 and 10, but was -1");
		illegal(cases, category, "negative delay", () -> EmitOptions.builder().delay(Duration.ofSeconds(-1)),
				"delay must not be negative");
		illegal(cases, category, "delay past the year 9999",
				() -> EmitOptions.builder().delay(Duration.ofDays(365L * 10_000)),
				"delay must end before the year 10000, but was PT87600000H");
		illegal(cases, category, "notBefore past the year 9999",
				() -> EmitOptions.builder().notBefore(Instant.parse("+10000-01-01T00:00:00Z")),
				"notBefore must be before the year 10000, but was +10000-01-01T00:00:00Z");
		illegal(cases, category, "delay and notBefore",
				() -> EmitOptions.builder().delay(Duration.ZERO).notBefore(Instant.now()),
				"set either delay or notBefore, not both");
		illegal(cases, category, "zero attempts", () -> EmitOptions.builder().maxAttempts(0),
				"maxAttempts must be between 1");
		illegal(cases, category, "malformed trace id", () -> EmitOptions.builder().traceId("xyz"),
				"traceId must be 32 hexadecimal characters");
		illegal(cases, category, "blank tenant", () -> EmitOptions.builder().tenant(""), "tenant must not be blank");
		illegal(cases, category, "blank correlation id", () -> EmitOptions.builder().correlationId(" "),
				"correlationId must not be blank");
		illegal(cases, category, "source over 255 characters", () -> EmitOptions.builder().source("s".repeat(256)),
				"source must be at most 255 characters, but has 256");
		illegal(cases, category, "reserved metadata key", () -> EmitOptions.builder().metadata(Map.of("backoff", 1)),
				"metadata key 'backoff' is reserved");
	}

	private void emitArguments(List<Arguments> cases) {
		String category = "emit";
		List<Object> cyclic = new ArrayList<>();
		cyclic.add(cyclic);
		illegal(cases, category, "blank type", () -> this.bus.emit(" ", 1), "Event type ' ' is invalid");
		illegal(cases, category, "type with a space", () -> this.bus.emit("orders shipped", 1),
				"'orders shipped' is invalid");
		illegal(cases, category, "type over 255 characters", () -> this.bus.emit("a".repeat(256), 1),
				"(256 characters)");
		illegal(cases, category, "type with a wildcard", () -> this.bus.emit("orders.*", 1), "'orders.*' is invalid");
		illegal(cases, category, "cyclic payload", () -> this.bus.emit("orders.shipped", cyclic),
				"cannot be written as JSON");
		illegal(cases, category, "payload without properties", () -> this.bus.emit("orders.shipped", new Object()),
				"The payload of type java.lang.Object cannot be written as JSON");
		illegal(cases, category, "payload over events.max-payload-size",
				() -> this.bus.emit("files.uploaded", "x".repeat(1_048_576)),
				"is 1048578 bytes of JSON, over events.max-payload-size (1048576 bytes); keep large content "
						+ "elsewhere and emit a reference to it");
		illegal(cases, category, "state that is not an object", () -> this.bus.emitCreated("invoices", 1, "text"),
				"The newState must be written as a JSON object");
		illegal(cases, category, "invalid resource name", () -> this.bus.emitCreated("in voices", 1, Map.of()),
				"Resource name 'in voices' is invalid");
		illegal(cases, category, "missing resource id", () -> this.bus.emitDeleted("invoices", null, Map.of()),
				"resourceId must not be null");
	}

	private static void queries(List<Arguments> cases) {
		String category = "EventQuery";
		illegal(cases, category, "limit 0", () -> EventQuery.builder().limit(0),
				"limit must be between 1 and 10000, but was 0");
		illegal(cases, category, "limit over 10000", () -> EventQuery.builder().limit(10_001),
				"limit must be between 1 and 10000, but was 10001");
		illegal(cases, category, "bad type pattern", () -> EventQuery.builder().eventType("posts created"),
				"eventType 'posts created' is not a valid type pattern");
		illegal(cases, category, "negative afterId", () -> EventQuery.builder().afterId(-1),
				"afterId must not be negative, but was -1");
		illegal(cases, category, "empty time range", () -> {
			Instant now = Instant.now();
			EventQuery.builder().until(now).since(now);
		}, "since must be before until");
	}

	private static void contexts(List<Arguments> cases) {
		String category = "EventContext";
		illegal(cases, category, "blank tenant", () -> EventContext.with().tenant(" "), "tenant must not be blank");
		illegal(cases, category, "standard variable name", () -> EventContext.with().variable("ip", "10.0.0.1"),
				"variable name 'ip' is a standard session variable; set it with its own method");
		illegal(cases, category, "variable that is not a scalar",
				() -> EventContext.with().variable("items", List.of(1)),
				"value of variable 'items' must be a String, a Number or a Boolean");
	}

	private void erasures(List<Arguments> cases) {
		String category = "EventErasure";
		illegal(cases, category, "blank resource name", () -> this.erasure.eraseResource(" ", 42),
				"resourceName must not be blank: give the resource name of the events, such as \"posts\"");
		illegal(cases, category, "null resource name", () -> this.erasure.eraseResource(null, 42),
				"resourceName must not be blank");
		illegal(cases, category, "null resource id", () -> this.erasure.eraseResource("posts", null),
				"resourceId must not be null: give the id of the resource, such as 42 or \"42\", as in its events");
		illegal(cases, category, "blank user id", () -> this.erasure.eraseUser(""),
				"userId must not be blank: give the user id as the events' session variables hold it, such as \"alice\"");
		illegal(cases, category, "null user id", () -> this.erasure.eraseUser(null), "userId must not be blank");
	}

	private static void operatorRequests(List<Arguments> cases) {
		illegal(cases, "actuator", "limit 0", () -> EventsEndpoint.limit("0"),
				"limit must be from 1 to 1000, but was 0");
		illegal(cases, "actuator", "limit that is not a number", () -> EventsEndpoint.limit("ten"),
				"limit must be a whole number from 1 to 1000, but was 'ten'");
		illegal(cases, "actuator", "event id that is not a UUID", () -> EventsEndpoint.eventId("42"),
				"'42' is not an event id: give the event's UUID");
		illegal(cases, "actuator", "erasure of nothing", () -> EventErasureEndpoint.subject(null, null, null),
				"Say what to erase: send resourceName and resourceId (?resourceName=posts&resourceId=42) "
						+ "or userId (?userId=alice)");
		illegal(cases, "actuator", "erasure of a resource name without its id",
				() -> EventErasureEndpoint.subject("posts", null, null), "resourceId is missing: Say what to erase");
		illegal(cases, "actuator", "erasure of a resource and a user",
				() -> EventErasureEndpoint.subject("posts", "42", "alice"), "Erase a resource or a user, not both");
		illegal(cases, "actuator", "erasure of a blank user id", () -> EventErasureEndpoint.subject(null, null, " "),
				"userId must not be blank: send resourceName and resourceId");
		illegal(cases, "SSE", "bad type filter", () -> EventStreamController.patterns("posts.*,bad pattern"),
				"types: 'bad pattern' is not a valid type pattern");
		illegal(cases, "SSE", "empty type in the filter", () -> EventStreamController.patterns("posts.*,"),
				"types: '' is not a valid type pattern");
		illegal(cases, "SSE", "Last-Event-ID that is not an id", () -> EventStreamController.lastEventId("abc"),
				"Last-Event-ID must be the id of an event received from this stream, but was 'abc'");
		illegal(cases, "SSE", "negative Last-Event-ID", () -> EventStreamController.lastEventId("-1"),
				"Last-Event-ID must be the id of an event received from this stream, but was '-1'");
	}

	private void webhooks(List<Arguments> cases) {
		String category = "webhook";
		invalid(cases, category, "relative URL", webhook("/hooks", List.of("*"), null, Duration.ofSeconds(1)),
				"events.webhooks[0].url must be an absolute http or https URL, but was '/hooks'");
		invalid(cases, category, "no events", webhook("https://example.com", List.of(), null, Duration.ofSeconds(1)),
				"events.webhooks[0].events must name at least one type pattern");
		invalid(cases, category, "secret that is not base64",
				webhook("https://example.com", List.of("*"), "whsec_!!", Duration.ofSeconds(1)),
				"events.webhooks[0].secret has the whsec_ prefix but what follows is not base64");
		invalid(cases, category, "zero timeout", webhook("https://example.com", List.of("*"), null, Duration.ZERO),
				"events.webhooks[0].timeout must be positive, but was PT0S");
		startup(cases, category, "duplicate names",
				List.of("events.webhooks[0].name=a", "events.webhooks[0].url=https://example.com/a",
						"events.webhooks[0].events=*", "events.webhooks[1].name=a",
						"events.webhooks[1].url=https://example.com/b", "events.webhooks[1].events=*"),
				IllegalStateException.class, "events.webhooks[1].name 'a' is the name of an earlier webhook too");
	}

	private void subscribers(List<Arguments> cases) {
		String category = "@OnEvent";
		String prefix = "@OnEvent method " + BadInputCatalogueContractTests.class.getName() + "$";
		subscriber(cases, category, "invalid pattern", InvalidPattern.class,
				prefix + "InvalidPattern.handle has the invalid pattern 'posts created'");
		subscriber(cases, category, "two parameters", TwoParameters.class,
				prefix + "TwoParameters.handle must take exactly one parameter");
		subscriber(cases, category, "ordered without being durable", OrderedAfterCommit.class,
				prefix + "OrderedAfterCommit.handle sets ordered, which only durable subscribers have");
		subscriber(cases, category, "maxAttempts out of range", TooManyAttempts.class,
				prefix + "TooManyAttempts.handle has maxAttempts = 5000; use 1 to 1000");
	}

	private void properties(List<Arguments> cases) {
		String category = "events.* property";
		startup(cases, category, "zero batch size", List.of("events.dispatch.batch-size=0"),
				IllegalArgumentException.class, "must be between 1 and 10000, but was 0");
		startup(cases, category, "poll interval under 10ms", List.of("events.dispatch.poll-interval=1ms"),
				IllegalArgumentException.class, "must be at least 10ms, but was PT0.001S");
		startup(cases, category, "negative initial delay", List.of("events.delivery.initial-delay=-1s"),
				IllegalArgumentException.class, "must not be negative, but was PT-1S");
		startup(cases, category, "max delay shorter than the initial delay", List.of("events.delivery.max-delay=100ms"),
				IllegalStateException.class,
				"events.delivery.max-delay (PT0.1S) must not be shorter than events.delivery.initial-delay (PT1S)");
		startup(cases, category, "payload limit under 1KB", List.of("events.max-payload-size=10B"),
				IllegalArgumentException.class, "events.max-payload-size must be from 1KB to 2GB, but was 10B");
		startup(cases, category, "bad audit pattern", List.of("events.audit.events=posts created"),
				IllegalArgumentException.class, "events.audit.events: 'posts created' is not a valid type pattern");
		startup(cases, category, "negative audit retention", List.of("events.audit.retention=-1d"),
				IllegalArgumentException.class, "events.audit.retention must not be negative, but was PT-24H");
		startup(cases, category, "negative retention of dead deliveries", List.of("events.retention.dead=-1d"),
				IllegalArgumentException.class, "events.retention.dead must not be negative, but was PT-24H");
		startup(cases, category, "negative retention of succeeded deliveries",
				List.of("events.retention.succeeded-deliveries=-1d"), IllegalArgumentException.class,
				"events.retention.succeeded-deliveries must not be negative, but was PT-24H");
		startup(cases, category, "held-back warning under 100ms", List.of("events.dispatch.held-back-warning=10ms"),
				IllegalArgumentException.class,
				"events.dispatch.held-back-warning must be at least 100ms, but was PT0.01S");
		startup(cases, category, "WAL store mode outside PostgreSQL", List.of("events.store.mode=wal"),
				IllegalStateException.class, "events.store.mode=wal needs PostgreSQL, but the event tables are in ");
		startup(cases, category, "takeover interval under 10ms", List.of("events.store.wal.takeover-interval=1ms"),
				IllegalArgumentException.class,
				"events.store.wal.takeover-interval must be from 10ms to 10m, but was PT0.001S");
		startup(cases, category, "relay batch of zero", List.of("events.store.wal.batch-size=0"),
				IllegalArgumentException.class, "events.store.wal.batch-size must be between 1 and 100000, but was 0");
		startup(cases, category, "no retained WAL allowed", List.of("events.store.wal.max-retained=0B"),
				IllegalArgumentException.class, "events.store.wal.max-retained must be positive, but was 0B");
	}

	private void console(List<Arguments> cases) {
		String category = "events.console.* property";
		consoleStartup(cases, category, "path without a leading slash",
				webRunner.withPropertyValues("events.console.path=console"), IllegalArgumentException.class,
				"events.console.path must start with '/', not end with '/' and hold no '*' or '{', but was 'console'");
		consoleStartup(cases, category, "path ending with a slash",
				webRunner.withPropertyValues("events.console.path=/ops/"), IllegalArgumentException.class,
				"events.console.path must start with '/', not end with '/' and hold no '*' or '{', but was '/ops/'");
		consoleStartup(cases, category, "trace URL without {traceId}",
				webRunner.withPropertyValues("events.console.trace-url=https://traces.example/"),
				IllegalArgumentException.class,
				"events.console.trace-url must contain {traceId}, where the trace id goes, but was 'https://traces.example/'");
		consoleStartup(cases, category, "console without Spring Security",
				webRunner.withClassLoader(new FilteredClassLoader("org.springframework.security.")),
				IllegalStateException.class,
				"events.console.enabled=true, but Spring Security is not on the classpath");
	}

	private void consoleStartup(List<Arguments> cases, String category, String mistake,
			WebApplicationContextRunner application, Class<? extends Throwable> type, String message) {
		cases.add(Arguments.of(category, mistake, (ThrowingCallable) () -> throwStartupFailure(application), type,
				message));
	}

	/**
	 * Start an application with one webhook: its configuration is checked at startup.
	 */
	private ThrowingCallable webhook(String url, List<String> events, String secret, Duration timeout) {
		List<String> properties = new ArrayList<>(List.of("events.webhooks[0].name=hook",
				"events.webhooks[0].url=" + url, "events.webhooks[0].timeout=" + timeout.toMillis() + "ms"));
		if (!events.isEmpty()) {
			properties.add("events.webhooks[0].events=" + String.join(",", events));
		}
		if (secret != null) {
			properties.add("events.webhooks[0].secret=" + secret);
		}
		return () -> throwStartupFailure(runner.withPropertyValues(properties.toArray(String[]::new)));
	}

	private static void illegal(List<Arguments> cases, String category, String mistake, ThrowingCallable input,
			String message) {
		cases.add(Arguments.of(category, mistake, input, IllegalArgumentException.class, message));
	}

	private static void invalid(List<Arguments> cases, String category, String mistake, ThrowingCallable input,
			String message) {
		cases.add(Arguments.of(category, mistake, input, IllegalStateException.class, message));
	}

	private void subscriber(List<Arguments> cases, String category, String mistake, Class<?> bean, String message) {
		cases.add(Arguments.of(category, mistake, (ThrowingCallable) () -> throwStartupFailure(runner.withBean(bean)),
				IllegalStateException.class, message));
	}

	void startup(List<Arguments> cases, String category, String mistake, List<String> properties,
			Class<? extends Throwable> type, String message) {
		cases.add(Arguments.of(category, mistake, (ThrowingCallable) () -> throwStartupFailure(
				runner.withPropertyValues(properties.toArray(String[]::new))), type, message));
	}

	/**
	 * Start an application on the database under test and throw the root cause of its
	 * failure to start, or nothing when it started.
	 */
	private <R extends AbstractApplicationContextRunner<R, ?, ?>> void throwStartupFailure(R application)
			throws Throwable {
		Throwable[] failure = new Throwable[1];
		String[] database = databaseProperties().entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		application.withPropertyValues(database).run((started) -> {
			Throwable cause = started.getStartupFailure();
			while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			failure[0] = cause;
		});
		if (failure[0] != null) {
			throw failure[0];
		}
	}

	private long eventCount() {
		return this.jdbc.sql("select count(*) from _events").query(Long.class).single();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class,
			EventsAutoConfiguration.class, EventsSchemaAutoConfiguration.class, OriginAutoConfiguration.class,
			DispatchAutoConfiguration.class, ErasureAutoConfiguration.class })
	static class CatalogueApplication {

	}

	static class InvalidPattern {

		@OnEvent("posts created")
		void handle(Event event) {
		}

	}

	static class TwoParameters {

		@OnEvent("posts.created")
		void handle(Event event, String extra) {
		}

	}

	static class OrderedAfterCommit {

		@OnEvent(value = "posts.*", delivery = Delivery.AFTER_COMMIT, ordered = true)
		void handle(Event event) {
		}

	}

	static class TooManyAttempts {

		@OnEvent(value = "posts.*", maxAttempts = 5000)
		void handle(Event event) {
		}

	}

}
