package dev.eventstarter.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventstarter.Backoff;
import dev.eventstarter.Delivery;
import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.testapp.Label;
import dev.eventstarter.testapp.Status;
import jakarta.persistence.EntityManager;

/**
 * Subscribers of the dispatch tests: each records what it received, some fail on request.
 * Each test uses event types of its own, so the recordings do not mix.
 */
public class TestSubscribers {

	final Map<String, List<Event>> received = new ConcurrentHashMap<>();

	final Map<String, List<Object>> payloads = new ConcurrentHashMap<>();

	final Map<String, List<Instant>> attempts = new ConcurrentHashMap<>();

	final Set<String> healed = ConcurrentHashMap.newKeySet();

	final AtomicInteger afterCommitCalls = new AtomicInteger();

	private final EntityManager entityManager;

	TestSubscribers(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	List<Event> received(String subscriber) {
		return this.received.getOrDefault(subscriber, List.of());
	}

	List<Object> payloads(String subscriber) {
		return this.payloads.getOrDefault(subscriber, List.of());
	}

	/**
	 * The counter values the ordered subscriber received for one counter, in arrival
	 * order.
	 */
	List<Integer> orderedValues(String counterId) {
		return received("orderedCounter").stream()
			.filter((event) -> counterId.equals(event.resourceId()))
			.map((event) -> ((Number) event.newState().get("value")).intValue())
			.toList();
	}

	void clear() {
		this.received.clear();
		this.payloads.clear();
		this.attempts.clear();
		this.healed.clear();
		this.afterCommitCalls.set(0);
	}

	void record(String subscriber, Event event) {
		this.received.computeIfAbsent(subscriber, (key) -> new CopyOnWriteArrayList<>()).add(event);
	}

	private void recordPayload(String subscriber, Object payload) {
		this.payloads.computeIfAbsent(subscriber, (key) -> new CopyOnWriteArrayList<>()).add(payload);
	}

	@OnEvent("*")
	void everything(Event event) {
		record("everything", event);
	}

	@OnEvent("posts.*")
	void anyPostChange(Event event) {
		record("anyPostChange", event);
	}

	@OnEvent("*.created")
	void anythingCreated(Event event) {
		record("anythingCreated", event);
	}

	@OnEvent({ "orders.*", "invoices.*" })
	void ordersAndInvoices(Event event) {
		record("ordersAndInvoices", event);
	}

	@OnEvent({ "posts.created", "posts.updated", "posts.deleted" })
	void postAsPayload(PostView post) {
		recordPayload("postAsPayload", post);
	}

	@OnEvent("orders.shipped")
	void shipmentAsPayload(Shipment shipment) {
		recordPayload("shipmentAsPayload", shipment);
	}

	@OnEvent(value = "posts.updated", fields = "status")
	void statusChanged(Event event) {
		record("statusChanged", event);
	}

	@OnEvent(value = "tx.*", delivery = Delivery.IN_TRANSACTION)
	void inTransaction(Event event) {
		record("inTransaction", event);
		if (event.eventType().equals("tx.fail")) {
			throw new IllegalStateException("refused in the transaction");
		}
		if (event.eventType().equals("tx.label")) {
			this.entityManager.persist(new Label(event.payload(Long.class), "from IN_TRANSACTION"));
		}
	}

	@OnEvent(value = "after.*", delivery = Delivery.AFTER_COMMIT)
	void afterCommit(Event event) {
		this.afterCommitCalls.incrementAndGet();
		record("afterCommit", event);
		if (event.eventType().equals("after.fail")) {
			throw new IllegalStateException("fails after commit");
		}
	}

	/**
	 * Fails as many times per event as its payload says, then succeeds.
	 */
	@OnEvent(value = "flaky.*", maxAttempts = 5)
	void flaky(Event event) {
		List<Instant> eventAttempts = this.attempts.computeIfAbsent(event.eventId().toString(),
				(key) -> new CopyOnWriteArrayList<>());
		eventAttempts.add(Instant.now());
		if (eventAttempts.size() <= event.payload(Integer.class)) {
			throw new IllegalStateException("attempt " + eventAttempts.size() + " fails on purpose");
		}
		record("flaky", event);
	}

	/**
	 * Fails until the test heals its event type.
	 */
	@OnEvent(value = "poison.*", maxAttempts = 2, backoff = Backoff.FIXED)
	void poison(Event event) {
		if (!this.healed.contains(event.eventType())) {
			throw new IllegalArgumentException("cannot handle " + event.eventType());
		}
		record("poison", event);
	}

	@OnEvent(value = "mismatch.*", maxAttempts = 1)
	void wrongPayloadType(Shipment shipment) {
		recordPayload("wrongPayloadType", shipment);
	}

	/**
	 * Receives counter changes strictly in order per counter; the first attempt of every
	 * seventh value fails, holding back the later changes of that counter only. It asks
	 * for its retry as late as {@code events.delivery.max-delay} allows, so that a
	 * {@code drain()} slowed by a busy machine does not reach it.
	 */
	@OnEvent(value = "counters.updated", ordered = true, maxAttempts = 10)
	void orderedCounter(Event event) throws DeliveryFailure {
		int value = ((Number) event.newState().get("value")).intValue();
		String key = event.resourceId() + "#" + value;
		if (value % 7 == 0 && this.healed.add(key)) {
			throw DeliveryFailure.retryAfter("first attempt of " + key + " fails on purpose", Duration.ofMinutes(1));
		}
		record("orderedCounter", event);
	}

	record PostView(Long id, String title, Status status) {

	}

	record Shipment(String orderNo, int items) {

	}

}
