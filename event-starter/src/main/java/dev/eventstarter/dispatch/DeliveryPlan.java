package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventstarter.Delivery;
import dev.eventstarter.store.StoredEvent;

/**
 * Who gets which event of a batch, and how: one task per event and subscriber, one group
 * per batch subscriber (the audit log), and one chain per ordered subscriber and
 * resource. Events go in dispatch order: higher priority first, then oldest.
 */
final class DeliveryPlan {

	static final Comparator<StoredEvent> DISPATCH_ORDER = Comparator.comparingInt(StoredEvent::priority)
		.reversed()
		.thenComparingLong(StoredEvent::id);

	private final List<StoredEvent> events;

	private final Map<Long, Integer> planned = new HashMap<>();

	private final List<Single> singles = new ArrayList<>();

	private final Map<Subscriber, List<StoredEvent>> groups = new LinkedHashMap<>();

	private final Map<String, OrderedChain> chains = new LinkedHashMap<>();

	private DeliveryPlan(List<StoredEvent> events) {
		this.events = events;
	}

	static DeliveryPlan of(List<StoredEvent> batch, Subscribers subscribers) {
		List<StoredEvent> events = new ArrayList<>(batch);
		events.sort(DISPATCH_ORDER);
		DeliveryPlan plan = new DeliveryPlan(List.copyOf(events));
		for (StoredEvent event : events) {
			List<Subscriber> wanting = subscribers.wanting(Delivery.DURABLE, event);
			plan.planned.put(event.id(), wanting.size());
			String orderingKey = OrderingQueries.orderingKey(event);
			for (Subscriber subscriber : wanting) {
				if (subscriber.ordered() && orderingKey != null) {
					plan.chains
						.computeIfAbsent(subscriber.id() + " " + orderingKey,
								(key) -> new OrderedChain(subscriber, orderingKey))
						.add(event);
				}
				else if (subscriber.batched()) {
					plan.groups.computeIfAbsent(subscriber, (key) -> new ArrayList<>()).add(event);
				}
				else {
					plan.singles.add(new Single(subscriber, event));
				}
			}
		}
		return plan;
	}

	/**
	 * The events, in dispatch order.
	 */
	List<StoredEvent> events() {
		return this.events;
	}

	List<Long> eventIds() {
		return this.events.stream().map(StoredEvent::id).toList();
	}

	/**
	 * By event id, how many deliveries it has.
	 */
	Map<Long, Integer> planned() {
		return this.planned;
	}

	/**
	 * The deliveries that are not ordered: each event to each subscriber, and each group
	 * to its batch subscriber.
	 */
	List<Runnable> unorderedTasks(DeliveryAttempt attempt, Collection<DeliveryResult> results) {
		List<Runnable> tasks = new ArrayList<>();
		for (Single single : this.singles) {
			tasks.add(() -> results.add(attempt.attempt(single.subscriber(), single.event(), null)));
		}
		this.groups
			.forEach((subscriber, events) -> tasks.add(() -> results.addAll(attempt.attemptAll(subscriber, events))));
		return tasks;
	}

	Collection<OrderedChain> chains() {
		return this.chains.values();
	}

	boolean ordered() {
		return !this.chains.isEmpty();
	}

	private record Single(Subscriber subscriber, StoredEvent event) {

	}

}
