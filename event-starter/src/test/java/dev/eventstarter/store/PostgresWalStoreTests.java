package dev.eventstarter.store;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.EventRows;
import dev.eventstarter.test.StatementLog;
import dev.eventstarter.test.StatementLog.Statement;
import dev.eventstarter.test.TestPostgres;
import dev.eventstarter.testapp.Post;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What only the WAL store mode does: the write path's one statement, messages relayed
 * after the fact, repeats absorbed, and the slot's health. The contract tests run in this
 * mode too (the {@code PostgresWal*Tests} classes and
 * {@code TestDatabase.POSTGRESQL_WAL}).
 */
@SpringBootTest(classes = dev.eventstarter.testapp.TestApplication.class,
		properties = { "events.jdbc.initialize-schema=always", "events.store.mode=wal",
				"spring.jpa.properties.hibernate.jdbc.batch_size=50", "management.health.events.enabled=true" })
@Import(WritePathStatementsContractTests.StatementLogConfiguration.class)
class PostgresWalStoreTests {

	private static final String SCHEMA = "wal_store_test";

	@Autowired
	StatementLog log;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EntityManager em;

	@Autowired
	EventBus bus;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	WalRelay relay;

	@Autowired
	Map<String, HealthIndicator> healthIndicators;

	EventRows events;

	@DynamicPropertySource
	static void walSchema(DynamicPropertyRegistry registry) {
		TestPostgres.properties(SCHEMA).forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void clean() {
		this.events = new EventRows(this.jdbc, this.relay);
		this.events.deleteAllWithEntities();
		this.log.clear();
	}

	@Test
	void aTransactionAddsOneMessageAndNoRowWhateverItsEvents() {
		this.tx.executeWithoutResult((status) -> {
			for (int i = 0; i < 3; i++) {
				this.em.persist(new Post("post " + i));
			}
			this.bus.emit("posts.imported", Map.of("count", 3));
		});
		// the relay inserts the rows on its own thread, maybe before this line
		String test = Thread.currentThread().getName();
		List<Statement> statements = this.log.statements()
			.stream()
			.filter((statement) -> statement.thread().equals(test))
			.toList();
		assertThat(statements).noneMatch((statement) -> statement.touches("_events"));
		assertThat(statements).filteredOn((statement) -> statement.sql().contains("pg_logical_emit_message"))
			.singleElement()
			.extracting(Statement::rows)
			.isEqualTo(1);
		assertThat(this.events.all()).extracting(EventRows.Row::eventType)
			.containsExactly("posts.imported", "posts.created", "posts.created", "posts.created");
		assertThat(this.jdbc.sql("select count(*) from _event_queue").query(Integer.class).single())
			.as("each relayed event waits for dispatch")
			.isEqualTo(4);
	}

	@Test
	void messagesCommittedWhileNothingRelaysArriveAndRolledBackOnesNever() throws Exception {
		this.relay.stop();
		try {
			PendingEvent committed = event("orders.placed");
			PendingEvent rolledBack = event("orders.cancelled");
			emitMessage(List.of(committed), true);
			emitMessage(List.of(rolledBack), false);
			assertThat(this.jdbc.sql("select count(*) from _events").query(Integer.class).single())
				.as("nothing is readable before the relay ran")
				.isZero();
		}
		finally {
			this.relay.start();
		}
		assertThat(this.events.all()).extracting(EventRows.Row::eventType).containsExactly("orders.placed");
	}

	@Test
	void aTransactionRelayedTwiceIsStoredOnce() throws Exception {
		List<PendingEvent> batch = List.of(event("orders.placed"), event("orders.shipped"));
		EventWriter relayWriter = new RelayedEventWriter(false, () -> EventHandOff.NONE);
		for (int i = 0; i < 2; i++) {
			try (Connection connection = this.dataSource.getConnection()) {
				relayWriter.insert(connection, batch);
			}
		}
		assertThat(this.events.all()).extracting(EventRows.Row::eventId)
			.containsExactly(batch.get(0).eventId(), batch.get(1).eventId());
		assertThat(this.jdbc.sql("select count(*) from _event_queue").query(Integer.class).single()).isEqualTo(2);
	}

	/**
	 * The relay holds the work list rows of what it hands to its instance's dispatcher:
	 * only events it inserted (not those a crash made it read again) and only those due
	 * at once.
	 */
	@Test
	void theRelayHoldsWhatItHandsOverAndSkipsEventsAlreadyStored() throws Exception {
		PendingEvent stored = event("orders.placed");
		PendingEvent due = event("orders.shipped");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		PendingEvent delayed = new PendingEvent(UUID.randomUUID(), "orders.reminded", "orders", "1", now,
				now.plusSeconds(3600), 5, null, "test", "{}", null, null, UUID.randomUUID(), null);
		Instant heldUntil = now.plusSeconds(60);
		List<PendingEvent> handed = new ArrayList<>();
		List<Long> handedIds = new ArrayList<>();
		EventHandOff handOff = new EventHandOff() {

			@Override
			public Instant holdUntil() {
				return heldUntil;
			}

			@Override
			public void written(List<PendingEvent> events, long[] ids, Instant until) {
				handed.addAll(events);
				Arrays.stream(ids).forEach(handedIds::add);
			}

			@Override
			public void discard() {
			}

		};
		try (Connection connection = this.dataSource.getConnection()) {
			new RelayedEventWriter(false, () -> EventHandOff.NONE).insert(connection, List.of(stored));
			new RelayedEventWriter(false, () -> handOff).insert(connection, List.of(stored, due, delayed));
		}
		assertThat(handed).containsExactly(due);
		assertThat(handedIds).containsExactly(this.jdbc.sql("select id from _events where event_id = ?")
			.param(due.eventId())
			.query(Long.class)
			.single());
		assertThat(queuedAt(due)).isEqualTo(heldUntil);
		assertThat(queuedAt(delayed)).isEqualTo(delayed.availableAt());
		assertThat(queuedAt(stored)).isEqualTo(stored.availableAt().truncatedTo(ChronoUnit.MICROS));
	}

	private Instant queuedAt(PendingEvent event) {
		return this.jdbc
			.sql("select q.available_at from _event_queue q join _events e on e.id = q.id where e.event_id = ?")
			.param(event.eventId())
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
	}

	@Test
	void relayedIdsFollowCommitOrderNotWriteOrder() throws Exception {
		// the first transaction to emit commits last: in the table mode it would hold the
		// lower id
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			first.setAutoCommit(false);
			second.setAutoCommit(false);
			emitMessage(first, List.of(event("first.written")));
			emitMessage(second, List.of(event("second.written")));
			second.commit();
			first.commit();
		}
		assertThat(this.events.all()).extracting(EventRows.Row::eventType)
			.containsExactly("second.written", "first.written");
	}

	@Test
	void healthShowsTheSlotAndIsDownWhileTheSlotIsGone() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.relay.isLeading());
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(walSlot(health)).containsEntry("name", "event_starter_test_" + SCHEMA)
			.containsEntry("relaying", true)
			.containsKeys("unconfirmedBytes", "retainedBytes");
		this.relay.stop();
		try {
			this.jdbc.sql("select pg_drop_replication_slot(?)")
				.param(this.relay.slot().name())
				.query(String.class)
				.list();
			Health gone = health();
			assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
			assertThat(walSlot(gone)).containsEntry("error", "the replication slot does not exist");
		}
		finally {
			this.relay.slot().prepare();
			this.relay.start();
		}
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	private Health health() {
		Health health = this.healthIndicators.get("eventsHealthIndicator").health(true);
		assertThat(health).isNotNull();
		return health;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> walSlot(Health health) {
		return (Map<String, Object>) health.getDetails().get("walSlot");
	}

	private PendingEvent event(String type) {
		Instant now = Instant.now();
		return new PendingEvent(UUID.randomUUID(), type, "orders", "1", now, now, 5, null, "test", "{\"n\": 1}", null,
				null, UUID.randomUUID(), null);
	}

	private void emitMessage(List<PendingEvent> batch, boolean commit) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			emitMessage(connection, batch);
			if (commit) {
				connection.commit();
			}
			else {
				connection.rollback();
			}
		}
	}

	private void emitMessage(Connection connection, List<PendingEvent> batch) throws Exception {
		// what the write path sends, on a connection of the test's own
		new WalEventWriter(this.relay.slot().prefix()).insert(connection, batch);
	}

}
