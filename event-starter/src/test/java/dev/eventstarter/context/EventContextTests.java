package dev.eventstarter.context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventContext;
import dev.eventstarter.OnEvent;
import dev.eventstarter.test.EventRows.Row;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.test.PostgresTestConfiguration;
import dev.eventstarter.testapp.Post;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static dev.eventstarter.test.EventRows.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EventContext} outside any request, on PostgreSQL: what it stores, how contexts
 * nest, and what a subscriber sees while an event is delivered.
 */
@Import({ PostgresTestConfiguration.class, EventContextTests.ChainConfiguration.class })
@TestPropertySource(properties = "events.jdbc.initialize-schema=always")
class EventContextTests extends IntegrationTests {

	@Test
	void outsideAnyRequestOrContextThereIsNoOrigin() {
		this.bus.emit("jobs.ran", Map.of("n", 1));
		Row row = this.events.single();
		assertThat(row.sessionVariables()).isNull();
		assertThat(row.traceContext()).isNull();
		assertThat(row.tenant()).isNull();
	}

	@Test
	void contextValuesAreStoredWithEmittedAndCapturedEvents() {
		EventContext.with()
			.userId("nightly-import")
			.role("system")
			.tenant("acme")
			.correlationId("import-2026-11-23")
			.variable("job", "import")
			.variable("batch", 7)
			.run(() -> {
				this.bus.emit("jobs.ran", Map.of("n", 1));
				this.tx.executeWithoutResult((status) -> this.em.persist(new Post("imported")));
			});
		List<Row> rows = this.events.all();
		assertThat(rows).extracting(Row::eventType).containsExactly("jobs.ran", "posts.created");
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row.tenant()).isEqualTo("acme");
			assertThat(row.sessionVariables()).isEqualTo(parse("""
					{"userId": "nightly-import", "role": "system", "ip": null, "userAgent": null,
					 "job": "import", "batch": 7}"""));
			assertThat(row.traceContext()).isEqualTo(parse("""
					{"traceId": null, "spanId": null, "parentSpanId": null, "requestId": null,
					 "correlationId": "import-2026-11-23", "sampled": null}"""));
		});
		Event event = this.store.findByEventId(rows.get(0).eventId()).orElseThrow();
		assertThat(event.sessionVariables().userId()).isEqualTo("nightly-import");
		assertThat(event.sessionVariables().custom()).containsEntry("job", "import").containsEntry("batch", 7);
		assertThat(EventContext.current()).isNull();
	}

	@Test
	void contextsNestAndRestoreTheOuterOne() {
		EventContext.with().tenant("outer").userId("batch").correlationId("c-outer").run(() -> {
			EventContext.with().tenant("inner").variable("step", "2").run(() -> {
				assertThat(EventContext.current().tenant()).isEqualTo("inner");
				assertThat(EventContext.current().userId()).isEqualTo("batch");
				this.bus.emit("jobs.step", 2);
			});
			assertThat(EventContext.current().tenant()).isEqualTo("outer");
			assertThat(EventContext.current().variables()).isEmpty();
			this.bus.emit("jobs.step", 1);
		});
		assertThat(EventContext.current()).isNull();
		List<Row> rows = this.events.all();
		assertThat(rows).extracting(Row::tenant).containsExactly("inner", "outer");
		assertThat(rows.get(0).sessionVariables().get("step").asString()).isEqualTo("2");
		assertThat(rows.get(0).sessionVariables().get("userId").asString()).isEqualTo("batch");
		assertThat(rows.get(1).sessionVariables().has("step")).isFalse();
	}

	@Test
	void aContextWithOnlyATenantRecordsNoSessionVariables() {
		EventContext.with().tenant("acme").run(() -> this.bus.emit("jobs.ran", 1));
		Row row = this.events.single();
		assertThat(row.tenant()).isEqualTo("acme");
		assertThat(row.sessionVariables()).isNull();
	}

	@Test
	void emitOptionsWinOverTheContext() {
		EventContext.with()
			.tenant("ctx")
			.correlationId("ctx-corr")
			.run(() -> this.bus.emit("jobs.ran", 1,
					EmitOptions.builder().tenant("opt").correlationId("opt-corr").build()));
		Row row = this.events.single();
		assertThat(row.tenant()).isEqualTo("opt");
		assertThat(row.traceContext().get("correlationId").asString()).isEqualTo("opt-corr");
	}

	@Test
	void callReturnsTheResultAndRestoresTheContextWhenTheCodeThrows() throws IOException {
		UUID eventId = EventContext.with().tenant("t").call(() -> this.bus.emit("jobs.ran", 1));
		assertThat(this.events.single().eventId()).isEqualTo(eventId);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> EventContext.with().tenant("t").run(() -> {
			throw new IOException("disk full");
		}));
		assertThat(EventContext.current()).isNull();
	}

	@Test
	void aDeliveredEventsTenantAndCorrelationIdAreCarriedIntoTheEventsItsSubscriberEmits() {
		UUID first = this.bus.emit("chain.start", 1,
				EmitOptions.builder().tenant("acme").correlationId("order-9").build());
		assertThat(this.bus.drain()).isPositive();
		Row next = this.events.all()
			.stream()
			.filter((row) -> row.eventType().equals("chain.next"))
			.findFirst()
			.orElseThrow();
		assertThat(next.tenant()).isEqualTo("acme");
		assertThat(next.traceContext().get("correlationId").asString()).isEqualTo("order-9");
		assertThat(next.sessionVariables()).as("a delivery names no one").isNull();
		assertThat(next.eventId()).isNotEqualTo(first);
		assertThat(EventContext.current()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badContexts")
	void badContextValuesAreRejectedWithAMessageAndWriteNothing(String message, Runnable badContext) {
		assertThatIllegalArgumentException().isThrownBy(badContext::run).withMessage(message);
		assertThat(this.events.count()).isZero();
	}

	static List<Arguments> badContexts() {
		String longText = "x".repeat(256);
		return List.of(arguments("tenant must not be blank", () -> EventContext.with().tenant(" ")),
				arguments("tenant must be at most 255 characters, but has 256",
						() -> EventContext.with().tenant(longText)),
				arguments("correlationId must not be blank", () -> EventContext.with().correlationId("")),
				arguments("userId must be at most 255 characters, but has 256",
						() -> EventContext.with().userId(longText)),
				arguments("role must not be blank", () -> EventContext.with().role("")),
				arguments("variable name must not be blank", () -> EventContext.with().variable(" ", 1)),
				arguments(
						"variable name 'ip' is a standard session variable; set it with its own method (userId, role) instead",
						() -> EventContext.with().variable("ip", "10.0.0.1")),
				arguments("value of variable 'job' must not be null", () -> EventContext.with().variable("job", null)),
				arguments(
						"value of variable 'job' must be a String, a Number or a Boolean, but was a java.util.ArrayList",
						() -> EventContext.with().variable("job", new ArrayList<>(List.of("a")))),
				arguments("value of variable 'job' must be at most 255 characters, but has 256",
						() -> EventContext.with().variable("job", longText)),
				arguments("action must not be null", () -> EventContext.with().run(null)));
	}

	private static Arguments arguments(String message, Runnable badContext) {
		return Arguments.of(message, badContext);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ChainConfiguration {

		@Bean
		ChainSubscriber chainSubscriber(EventBus bus) {
			return new ChainSubscriber(bus);
		}

	}

	static class ChainSubscriber {

		private final EventBus bus;

		ChainSubscriber(EventBus bus) {
			this.bus = bus;
		}

		@OnEvent("chain.start")
		void next(Event event) {
			this.bus.emit("chain.next", event.eventId().toString());
		}

	}

}
