package dev.eventstarter.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.eventstarter.Backoff;
import dev.eventstarter.Changes;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.test.EventRows.Row;
import dev.eventstarter.testapp.Opaque;
import dev.eventstarter.testapp.Post;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.eventstarter.test.EventRows.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EventBus} writes through the same path as capture: joining the transaction, or
 * committing on its own, and rejecting bad input before anything is written.
 */
abstract class EventBusContractTests extends IntegrationTests {

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void emitInsideATransactionJoinsItsBatch() {
		UUID emitted = this.tx.execute((status) -> {
			this.em.persist(new Post("Shipped"));
			UUID eventId = this.bus.emit("orders.shipped", new Shipment("A-1", 3));
			assertThat(this.events.count()).as("written at commit, not before").isZero();
			return eventId;
		});
		List<Row> rows = this.events.all();
		// the post's INSERT happens when Hibernate flushes at commit, after the emit
		assertThat(rows).extracting(Row::eventType).containsExactly("orders.shipped", "posts.created");
		Row shipped = rows.get(0);
		assertThat(shipped.eventId()).isEqualTo(emitted);
		assertThat(shipped.transactionId()).isEqualTo(rows.get(1).transactionId());
		assertThat(shipped.resourceName()).isNull();
		assertThat(shipped.resourceId()).isNull();
		assertThat(shipped.data()).isEqualTo(parse("{\"orderNo\": \"A-1\", \"items\": 3}"));
	}

	@Test
	void emitInsideATransactionThatRollsBackWritesNothing() {
		this.tx.executeWithoutResult((status) -> {
			this.bus.emit("orders.shipped", new Shipment("A-1", 3));
			status.setRollbackOnly();
		});
		assertThat(this.events.count()).isZero();
	}

	@Test
	void emitOutsideATransactionCommitsOnItsOwn() {
		UUID eventId = this.bus.emit("cache.flushed", null);
		Row row = this.events.single();
		assertThat(row.eventId()).isEqualTo(eventId);
		assertThat(row.data().isNull()).isTrue();
		assertThat(row.source()).isEqualTo("test-app");
		assertThat(row.priority()).isEqualTo(5);
	}

	@Test
	void emitInAJdbcOnlyTransactionJoinsIt() {
		TransactionTemplate jdbcTx = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		jdbcTx.executeWithoutResult((status) -> {
			this.bus.emit("a.first", 1);
			this.bus.emit("a.second", 2);
		});
		jdbcTx.executeWithoutResult((status) -> {
			this.bus.emit("a.discarded", 3);
			status.setRollbackOnly();
		});
		List<Row> rows = this.events.all();
		assertThat(rows).extracting(Row::eventType).containsExactly("a.first", "a.second");
		assertThat(rows.get(0).transactionId()).isEqualTo(rows.get(1).transactionId());
	}

	@Test
	void emitInANewInnerTransactionCommitsWithItOnly() {
		TransactionTemplate requiresNew = new TransactionTemplate(this.tx.getTransactionManager());
		requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.tx.executeWithoutResult((status) -> {
			this.bus.emit("outer.discarded", 1);
			requiresNew.executeWithoutResult((inner) -> this.bus.emit("inner.kept", 2));
			this.bus.emit("outer.discarded.too", 3);
			status.setRollbackOnly();
		});
		assertThat(this.events.all()).extracting(Row::eventType).containsExactly("inner.kept");
	}

	@Test
	void emitAfterTheTransactionCommittedIsWrittenInATransactionOfItsOwn() {
		this.tx.executeWithoutResult((status) -> {
			this.bus.emit("first", 1);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					EventBusContractTests.this.bus.emit("after.commit", 2);
				}

			});
		});
		List<Row> rows = this.events.all();
		assertThat(rows).extracting(Row::eventType).containsExactly("first", "after.commit");
		assertThat(rows.get(1).transactionId()).isNotEqualTo(rows.get(0).transactionId());
	}

	@Test
	void emitInAReadOnlyTransactionFailsAtOnce() {
		TransactionTemplate readOnly = new TransactionTemplate(this.tx.getTransactionManager());
		readOnly.setReadOnly(true);
		assertThatIllegalStateException()
			.isThrownBy(() -> readOnly.executeWithoutResult((status) -> this.bus.emit("not.written", 1)))
			.withMessageStartingWith("Cannot emit an event in a read-only transaction");
		assertThat(this.events.count()).isZero();
	}

	@Test
	void emitOptionsAreStored() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.bus.emit("orders.shipped", new Shipment("A-1", 3),
				EmitOptions.builder()
					.priority(9)
					.delay(Duration.ofMinutes(5))
					.maxAttempts(4)
					.backoff(Backoff.LINEAR)
					.source("orders")
					.tenant("t1")
					.traceId("4BF92F3577B34DA6A3CE929D0E0E4736")
					.correlationId("corr-1")
					.metadata(Map.of("channel", "web"))
					.build());
		Row row = this.events.single();
		assertThat(row.priority()).isEqualTo(9);
		assertThat(row.createdAt()).isBetween(before, Instant.now());
		assertThat(row.availableAt()).isEqualTo(row.createdAt().plus(Duration.ofMinutes(5)));
		assertThat(row.source()).isEqualTo("orders");
		assertThat(row.tenant()).isEqualTo("t1");
		assertThat(row.traceContext()).isEqualTo(parse("""
				{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": null, "parentSpanId": null,
				 "requestId": null, "correlationId": "corr-1", "sampled": null}"""));
		assertThat(row.metadata())
			.isEqualTo(parse("{\"maxAttempts\": 4, \"backoff\": \"LINEAR\", \"channel\": \"web\"}"));
		assertThat(row.sessionVariables()).isNull();
		Event event = this.store.findByEventId(row.eventId()).orElseThrow();
		assertThat(event.tenant()).isEqualTo("t1");
		assertThat(event.traceContext().correlationId()).isEqualTo("corr-1");
	}

	@Test
	void notBeforeSetsAvailableAt() {
		Instant notBefore = Instant.parse("2030-01-01T00:00:00Z");
		this.bus.emit("reminders.due", "x", EmitOptions.builder().notBefore(notBefore).build());
		assertThat(this.events.single().availableAt()).isEqualTo(notBefore);
	}

	@Test
	void customEventReadsBackWithItsPayload() {
		UUID eventId = this.bus.emit("orders.shipped", new Shipment("A-1", 3));
		Event event = this.store.findByEventId(eventId).orElseThrow();
		assertThat(event.payload(Shipment.class)).isEqualTo(new Shipment("A-1", 3));
		assertThat(event.oldState()).isNull();
		assertThat(event.newState()).isNull();
		assertThat(event.changes()).isEqualTo(Changes.NONE);
		assertThat(event.id()).isPositive();
		assertThatIllegalArgumentException().isThrownBy(() -> event.payload(Integer.class))
			.withMessageContaining("does not map to java.lang.Integer");
	}

	@Test
	void emitCreatedUpdatedAndDeletedWriteCrudData() {
		this.bus.emitCreated("invoices", 42L, Map.of("id", 42, "total", 10));
		this.bus.emitUpdated("invoices", 42L, new Invoice(42, 10, "open"), new Invoice(42, 12, "paid"));
		this.bus.emitDeleted("invoices", 42L, new Invoice(42, 12, "paid"));
		List<Row> rows = this.events.all();
		assertThat(rows).extracting(Row::eventType)
			.containsExactly("invoices.created", "invoices.updated", "invoices.deleted");
		assertThat(rows).extracting(Row::resourceName).containsOnly("invoices");
		assertThat(rows).extracting(Row::resourceId).containsOnly("42");
		assertThat(rows.get(0).data().get("changes").get("added")).containsExactlyInAnyOrder(parse("\"id\""),
				parse("\"total\""));
		assertThat(rows.get(1).data()).isEqualTo(parse("""
				{"old": {"id": 42, "total": 10, "status": "open"},
				 "new": {"id": 42, "total": 12, "status": "paid"},
				 "changes": {"added": [], "updated": ["total", "status"], "removed": []}}"""));
		assertThat(rows.get(2).data()).isEqualTo(parse("""
				{"old": {"id": 42, "total": 12, "status": "paid"}, "new": null,
				 "changes": {"added": [], "updated": [], "removed": ["id", "total", "status"]}}"""));
		Event deleted = this.store.findByEventId(rows.get(2).eventId()).orElseThrow();
		assertThat(deleted.payload(Invoice.class)).isEqualTo(new Invoice(42, 12, "paid"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInput")
	void badInputThrowsIllegalArgumentAndWritesNothing(String name, Consumer<EventBus> emit, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> emit.accept(this.bus)).withMessageContaining(message);
		assertThatIllegalArgumentException().isThrownBy(() -> this.tx.executeWithoutResult((status) -> {
			this.bus.emit("valid.before", 1);
			emit.accept(this.bus);
		}));
		assertThat(this.events.count()).isZero();
	}

	static Stream<Arguments> badInput() {
		Cycle cycle = new Cycle();
		cycle.next = cycle;
		List<Object> nested = new ArrayList<>();
		nested.add(nested);
		return Stream.of(bad("blank type", (bus) -> bus.emit(" ", 1), "Event type ' ' is invalid"),
				bad("empty type", (bus) -> bus.emit("", 1), "1 to 255 letters"),
				bad("null type", (bus) -> bus.emit(null, 1), "Event type null is invalid"),
				bad("type over 255 characters", (bus) -> bus.emit("a".repeat(256), 1), "(256 characters)"),
				bad("type with a space", (bus) -> bus.emit("orders shipped", 1), "'orders shipped' is invalid"),
				bad("type with a wildcard", (bus) -> bus.emit("orders.*", 1), "'orders.*' is invalid"),
				bad("payload without properties", (bus) -> bus.emit("x", new Opaque("s")),
						"The payload of type dev.eventstarter.testapp.Opaque cannot be written as JSON"),
				bad("self-referencing payload", (bus) -> bus.emit("x", cycle), "cannot be written as JSON"),
				bad("nested list payload", (bus) -> bus.emit("x", nested), "cannot be written as JSON"),
				bad("null options", (bus) -> bus.emit("x", 1, null), "options must not be null"),
				bad("priority above 10", (bus) -> bus.emit("x", 1, EmitOptions.builder().priority(11).build()),
						"priority must be between 0 and 10, but was 11"),
				bad("negative priority", (bus) -> bus.emit("x", 1, EmitOptions.builder().priority(-1).build()),
						"priority must be between 0 and 10, but was -1"),
				bad("negative delay",
						(bus) -> bus.emit("x", 1, EmitOptions.builder().delay(Duration.ofSeconds(-1)).build()),
						"delay must not be negative"),
				bad("delay and notBefore", (bus) -> EmitOptions.builder().delay(Duration.ZERO).notBefore(Instant.now()),
						"set either delay or notBefore, not both"),
				bad("zero attempts", (bus) -> EmitOptions.builder().maxAttempts(0), "maxAttempts must be between 1"),
				bad("malformed trace id", (bus) -> EmitOptions.builder().traceId("xyz"),
						"traceId must be 32 hexadecimal characters"),
				bad("blank tenant", (bus) -> EmitOptions.builder().tenant(""), "tenant must not be blank"),
				bad("source over 255 characters", (bus) -> EmitOptions.builder().source("s".repeat(256)),
						"source must be at most 255 characters"),
				bad("reserved metadata key", (bus) -> EmitOptions.builder().metadata(Map.of("maxAttempts", 3)),
						"metadata key 'maxAttempts' is reserved"),
				bad("unwritable metadata",
						(bus) -> bus.emit("x", 1,
								EmitOptions.builder().metadata(Map.of("opaque", new Opaque("s"))).build()),
						"The metadata cannot be written as JSON"),
				bad("scalar state", (bus) -> bus.emitCreated("invoices", 1, "not an object"),
						"The newState must be written as a JSON object"),
				bad("null new state", (bus) -> bus.emitUpdated("invoices", 1, Map.of(), null),
						"newState must not be null"),
				bad("null resource id", (bus) -> bus.emitDeleted("invoices", null, Map.of()),
						"resourceId must not be null"),
				bad("invalid resource name", (bus) -> bus.emitCreated("in voices", 1, Map.of()),
						"Resource name 'in voices' is invalid"),
				bad("payload over the maximum size", (bus) -> bus.emit("files.uploaded", "x".repeat(1_048_576)),
						"The payload of files.uploaded is 1048578 bytes of JSON, over events.max-payload-size "
								+ "(1048576 bytes); keep large content elsewhere and emit a reference to it"),
				bad("multi-byte payload over the maximum size",
						(bus) -> bus.emitCreated("files", 1, Map.of("text", "é".repeat(524_288))),
						"bytes of JSON, over events.max-payload-size (1048576 bytes)"));
	}

	private static Arguments bad(String name, Consumer<EventBus> emit, String message) {
		return Arguments.of(name, emit, message);
	}

	record Shipment(String orderNo, int items) {

	}

	record Invoice(int id, int total, String status) {

	}

	static class Cycle {

		public Cycle next;

	}

}
