package dev.eventstarter.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.EventQuery;
import dev.eventstarter.Subscription;
import dev.eventstarter.dispatch.TestSubscribers.PostView;
import dev.eventstarter.dispatch.TestSubscribers.Shipment;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.testapp.Counter;
import dev.eventstarter.testapp.Label;
import dev.eventstarter.testapp.Post;
import dev.eventstarter.testapp.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Delivery to {@code @OnEvent} subscribers, driven by {@code drain()} with background
 * dispatch off so that every step is deterministic.
 */
@Import(DispatchTestConfiguration.class)
@TestPropertySource(properties = { "events.delivery.initial-delay=100ms", "events.delivery.max-delay=200ms" })
abstract class DispatchContractTests extends IntegrationTests {

	@Autowired
	TestSubscribers subscribers;

	@Autowired
	ApplicationContext context;

	@BeforeEach
	void clearRecordings() {
		this.subscribers.clear();
	}

	@Test
	void patternsMatchTheWholeTypeAndStarMatchesAnyRunOfCharacters() {
		this.bus.emitCreated("posts", 1, Map.of("id", 1, "title", "Hello"));
		this.bus.emit("orders.shipped", new Shipment("A-1", 3));
		this.bus.emit("invoices.paid", 12);
		this.bus.emitCreated("comments", 7, Map.of("id", 7));
		this.bus.emitCreated("postsx", 9, Map.of("id", 9));
		assertThat(this.bus.drain()).isEqualTo(5 + 1 + 3 + 2 + 1 + 1);
		assertThat(types("everything")).containsExactly("posts.created", "orders.shipped", "invoices.paid",
				"comments.created", "postsx.created");
		assertThat(types("anyPostChange")).containsExactly("posts.created");
		assertThat(types("anythingCreated")).containsExactly("posts.created", "comments.created", "postsx.created");
		assertThat(types("ordersAndInvoices")).containsExactly("orders.shipped", "invoices.paid");
		assertThat(this.store.query(EventQuery.builder().undispatched(true).build())).isEmpty();
		assertThat(deliveryRows()).isZero();
		assertThat(this.bus.drain()).as("nothing left").isZero();
	}

	@Test
	void payloadsAreMappedToTheParameterType() {
		Long id = this.tx.execute((status) -> {
			Post post = new Post("Hello");
			this.em.persist(post);
			return post.getId();
		});
		this.tx.executeWithoutResult((status) -> this.em.find(Post.class, id).setStatus(Status.PUBLISHED));
		this.tx.executeWithoutResult((status) -> this.em.remove(this.em.find(Post.class, id)));
		this.bus.emit("orders.shipped", new Shipment("A-1", 3));
		this.bus.drain();
		assertThat(this.subscribers.payloads("postAsPayload")).containsExactly(new PostView(id, "Hello", Status.DRAFT),
				new PostView(id, "Hello", Status.PUBLISHED), new PostView(id, "Hello", Status.PUBLISHED));
		assertThat(this.subscribers.payloads("shipmentAsPayload")).containsExactly(new Shipment("A-1", 3));
	}

	@Test
	void fieldsRestrictUpdatedEventsToChangesOfThoseAttributes() {
		Long id = this.tx.execute((status) -> {
			Post post = new Post("Hello");
			this.em.persist(post);
			return post.getId();
		});
		this.tx.executeWithoutResult((status) -> this.em.find(Post.class, id).setTitle("Hello again"));
		this.tx.executeWithoutResult((status) -> this.em.find(Post.class, id).setStatus(Status.PUBLISHED));
		this.bus.drain();
		assertThat(types("anyPostChange")).containsExactly("posts.created", "posts.updated", "posts.updated");
		assertThat(this.subscribers.received("statusChanged")).singleElement()
			.satisfies((event) -> assertThat(event.changes().updated()).contains("status"));
	}

	@Test
	void inTransactionSubscriberFailureRollsTheTransactionBack() {
		assertThatException().isThrownBy(() -> this.tx.executeWithoutResult((status) -> {
			this.em.persist(new Post("never committed"));
			this.bus.emit("tx.fail", 1);
		})).havingRootCause().withMessage("refused in the transaction");
		assertThatException().isThrownBy(() -> this.bus.emit("tx.fail", 2))
			.havingRootCause()
			.withMessage("refused in the transaction");
		assertThat(this.jdbc.sql("select count(*) from posts").query(Integer.class).single()).isZero();
		assertThat(this.events.count()).isZero();
	}

	@Test
	void inTransactionSubscriberChangesJoinTheTransactionAndItsBatch() {
		this.tx.executeWithoutResult((status) -> this.bus.emit("tx.label", 42L));
		assertThat(this.subscribers.received("inTransaction")).extracting(Event::eventType).containsExactly("tx.label");
		assertThat(this.jdbc.sql("select name from labels where id = 42").query(String.class).single())
			.isEqualTo("from IN_TRANSACTION");
		List<dev.eventstarter.test.EventRows.Row> rows = this.events.all();
		assertThat(rows).extracting(dev.eventstarter.test.EventRows.Row::eventType)
			.containsExactly("tx.label", "labels.created");
		assertThat(rows.get(1).transactionId()).isEqualTo(rows.get(0).transactionId());
		this.bus.drain();
		assertThat(types("labels")).as("delivered through the transactional proxy").containsExactly("labels.created");
	}

	@Test
	void afterCommitSubscriberRunsOnceAfterCommitAndIsNeverRetried() {
		this.tx.executeWithoutResult((status) -> {
			this.bus.emit("after.ok", 1);
			assertThat(this.subscribers.afterCommitCalls).as("not before commit").hasValue(0);
		});
		assertThat(types("afterCommit")).containsExactly("after.ok");
		this.tx.executeWithoutResult((status) -> {
			this.bus.emit("after.rolled-back", 1);
			status.setRollbackOnly();
		});
		this.bus.emit("after.fail", 1);
		assertThat(types("afterCommit")).containsExactly("after.ok", "after.fail");
		this.bus.drain();
		assertThat(this.subscribers.afterCommitCalls).hasValue(2);
		assertThat(deliveryRows()).isZero();
		assertThat(types("everything")).containsExactly("after.ok", "after.fail");
	}

	@Test
	void onAndOnceHandlersRunAfterCommitUntilCancelled() {
		List<String> seen = new CopyOnWriteArrayList<>();
		List<String> seenOnce = new CopyOnWriteArrayList<>();
		Subscription subscription = this.bus.on("ping.*", (event) -> seen.add(event.eventType()));
		this.bus.once("ping.*", (event) -> seenOnce.add(event.eventType()));
		this.tx.executeWithoutResult((status) -> {
			this.bus.emit("ping.a", 1);
			this.bus.emit("pong.a", 1);
			assertThat(seen).isEmpty();
		});
		this.bus.emit("ping.b", 2);
		subscription.cancel();
		subscription.cancel();
		this.bus.emit("ping.c", 3);
		assertThat(seen).containsExactly("ping.a", "ping.b");
		assertThat(seenOnce).containsExactly("ping.a");
	}

	@Test
	void higherPriorityIsDispatchedFirstThenOldestFirst() {
		this.bus.emit("prio.low", 1, EmitOptions.builder().priority(1).build());
		this.bus.emit("prio.high", 1, EmitOptions.builder().priority(9).build());
		this.bus.emit("prio.default", 1);
		this.bus.emit("prio.high.later", 1, EmitOptions.builder().priority(9).build());
		this.bus.drain();
		assertThat(types("everything")).containsExactly("prio.high", "prio.high.later", "prio.default", "prio.low");
	}

	@Test
	void delayedEventWaitsUntilItIsAvailable() {
		UUID delayed = this.bus.emit("delayed.x", 1, EmitOptions.builder().delay(Duration.ofMillis(300)).build());
		assertThat(this.bus.drain()).isZero();
		assertThat(this.bus.awaitDelivery(delayed, Duration.ofMillis(50))).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.bus.drain() > 0);
		assertThat(types("everything")).containsExactly("delayed.x");
		assertThat(this.bus.awaitDelivery(delayed, Duration.ZERO)).isTrue();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void failingDeliveryIsDeadAfterItsAttemptsKeepsItsErrorAndCanBeRetried(CapturedOutput output) {
		UUID poison = this.bus.emit("poison.x", 1);
		UUID healthy = this.bus.emit("healthy.x", 1);
		this.bus.drain();
		assertThat(this.bus.awaitDelivery(healthy, Duration.ZERO)).as("events behind it flow").isTrue();
		assertThat(delivery(poison, "testSubscribers.poison")).containsEntry("status", "FAILED")
			.containsEntry("attempts", 1);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.bus.drain() >= 0
					&& "DEAD".equals(delivery(poison, "testSubscribers.poison").get("status")));
		Map<String, Object> dead = delivery(poison, "testSubscribers.poison");
		assertThat(dead).containsEntry("attempts", 2)
			.containsEntry("last_error", "java.lang.IllegalArgumentException: cannot handle poison.x");
		assertThat(dead.get("last_attempt_at")).isNotNull();
		assertThat(this.bus.awaitDelivery(poison, Duration.ofSeconds(1))).as("dead, so no wait").isFalse();
		assertThat(output).containsOnlyOnce("Delivery of poison.x " + poison + " to testSubscribers.poison is dead "
				+ "after 2 attempts: java.lang.IllegalArgumentException: cannot handle poison.x. "
				+ "Retry it with POST /actuator/events/" + poison + " or EventBus.retry.");

		this.subscribers.healed.add("poison.x");
		assertThat(this.bus.retry(poison)).isTrue();
		assertThat(this.bus.drain()).isOne();
		assertThat(this.bus.awaitDelivery(poison, Duration.ZERO)).isTrue();
		assertThat(delivery(poison, "testSubscribers.poison")).containsEntry("status", "SUCCEEDED")
			.containsEntry("attempts", 1);
		assertThat(types("poison")).containsExactly("poison.x");
		assertThat(this.bus.retry(UUID.randomUUID())).isFalse();
	}

	@Test
	void payloadThatNoLongerMapsIsDeadWithAUsefulError() {
		UUID eventId = this.bus.emit("mismatch.x", List.of("not", "a", "shipment"));
		this.bus.drain();
		assertThat(delivery(eventId, "testSubscribers.wrongPayloadType")).containsEntry("status", "DEAD")
			.satisfies((row) -> assertThat((String) row.get("last_error"))
				.startsWith("java.lang.IllegalArgumentException: The payload of mismatch.x event " + eventId
						+ " does not map to " + Shipment.class.getName()));
	}

	@Test
	void orderedSubscriberGetsEachResourceInOrderAndAFailureHoldsBackOnlyItsResource() {
		this.tx.executeWithoutResult((status) -> {
			this.em.persist(new Counter(1L));
			this.em.persist(new Counter(2L));
		});
		for (int i = 0; i < 10; i++) {
			this.tx.executeWithoutResult((status) -> {
				this.em.find(Counter.class, 1L).increment();
				this.em.find(Counter.class, 2L).increment();
			});
		}
		// value 7 of each counter fails once: 8, 9, 10 wait behind it
		this.bus.drain();
		assertThat(this.subscribers.orderedValues("1")).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(this.subscribers.orderedValues("2")).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(this.jdbc.sql("select count(*) from _event_deliveries where status = 'PENDING'")
			.query(Integer.class)
			.single()).isEqualTo(6);
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			this.bus.drain();
			return this.subscribers.orderedValues("1").size() == 10 && this.subscribers.orderedValues("2").size() == 10;
		});
		assertThat(this.subscribers.orderedValues("1")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		assertThat(this.subscribers.orderedValues("2")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	}

	@Test
	void retentionDeletesOldDispatchedEventsWhoseDeliveriesAllSucceeded() {
		UUID delivered = this.bus.emit("old.delivered", 1);
		UUID dead = this.bus.emit("poison.old", 1, EmitOptions.builder().maxAttempts(1).build());
		this.bus.drain();
		UUID undispatched = this.bus.emit("old.undispatched", 1);
		this.jdbc
			.sql("update _events set created_at = ?, dispatched_at = case when "
					+ DatabasePlatform.of(this.dataSource).undispatched("_events") + " then null else ? end")
			.params(Instant.now().minus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC),
					Instant.now().minus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC))
			.update();
		UUID recent = this.bus.emit("recent.delivered", 1);
		this.bus.drain();
		assertThat(this.context.getBean("eventDispatchedRetention", RetentionTask.class).run(() -> false)).isOne();
		assertThat(this.store.findByEventId(delivered)).isEmpty();
		assertThat(this.store.findByEventId(dead)).as("has a dead delivery").isPresent();
		assertThat(this.store.findByEventId(recent)).isPresent();
		assertThat(this.store.findByEventId(undispatched)).isPresent();
	}

	@Test
	void retentionDeletesOldDeadDeliveriesAndThenTheEventsTheyKept() {
		UUID dead = this.bus.emit("poison.older", 1, EmitOptions.builder().maxAttempts(1).build());
		UUID recentlyDead = this.bus.emit("poison.recent", 1, EmitOptions.builder().maxAttempts(1).build());
		this.bus.drain();
		java.time.OffsetDateTime longAgo = Instant.now().minus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC);
		this.jdbc.sql("update _events set created_at = ?, dispatched_at = ? where event_id = ?")
			.params(longAgo, longAgo, dead)
			.update();
		this.jdbc
			.sql("update _event_deliveries set last_attempt_at = ? "
					+ "where event_id = (select id from _events where event_id = ?)")
			.params(longAgo, dead)
			.update();
		assertThat(this.context.getBean("eventDispatchedRetention", RetentionTask.class).run(() -> false))
			.as("kept by its dead delivery")
			.isZero();
		assertThat(this.context.getBean("eventDeadDeliveriesRetention", RetentionTask.class).run(() -> false)).isOne();
		assertThat(this.context.getBean("eventDispatchedRetention", RetentionTask.class).run(() -> false)).isOne();
		assertThat(this.store.findByEventId(dead)).isEmpty();
		assertThat(this.store.findByEventId(recentlyDead)).isPresent();
		assertThat(delivery(recentlyDead, "testSubscribers.poison")).containsEntry("status", "DEAD");
	}

	@Test
	void awaitDeliveryOfAnUnknownEventTimesOut() {
		assertThat(this.bus.awaitDelivery(UUID.randomUUID(), Duration.ofMillis(30))).isFalse();
	}

	List<String> types(String subscriber) {
		return this.subscribers.received(subscriber).stream().map(Event::eventType).toList();
	}

	private int deliveryRows() {
		return this.jdbc.sql("select count(*) from _event_deliveries").query(Integer.class).single();
	}

	private Map<String, Object> delivery(UUID eventId, String subscriber) {
		return this.jdbc.sql("""
				select d.status, d.attempts, d.last_error, d.last_attempt_at from _event_deliveries d
				join _events e on e.id = d.event_id where e.event_id = ? and d.subscriber = ?""")
			.params(eventId, subscriber)
			.query((rs, rowNum) -> {
				Map<String, Object> row = new java.util.HashMap<>();
				row.put("status", rs.getString("status"));
				row.put("attempts", rs.getInt("attempts"));
				row.put("last_error", rs.getString("last_error"));
				row.put("last_attempt_at", rs.getObject("last_attempt_at"));
				return row;
			})
			.optional()
			.orElse(Map.of());
	}

}
