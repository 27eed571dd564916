package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;

/**
 * Every subscriber of the application, by delivery mode.
 */
public final class Subscribers {

	private final Map<String, Subscriber> byId = new ConcurrentHashMap<>();

	private final List<Subscriber> durable = new CopyOnWriteArrayList<>();

	private final List<Subscriber> afterCommit = new CopyOnWriteArrayList<>();

	private final List<Subscriber> inTransaction = new CopyOnWriteArrayList<>();

	/**
	 * Add a subscriber.
	 * @param subscriber the subscriber
	 * @throws IllegalStateException if another subscriber has its id
	 */
	public void add(Subscriber subscriber) {
		Subscriber existing = this.byId.putIfAbsent(subscriber.id(), subscriber);
		if (existing != null) {
			throw new IllegalStateException("Two event subscribers have the id '" + subscriber.id() + "': " + existing
					+ " and " + subscriber + ". Give one of them another @OnEvent(id = …).");
		}
		switch (subscriber.delivery()) {
			case DURABLE -> this.durable.add(subscriber);
			case AFTER_COMMIT -> this.afterCommit.add(subscriber);
			case IN_TRANSACTION -> this.inTransaction.add(subscriber);
		}
	}

	/**
	 * The subscribers of a mode that want an event.
	 * @param delivery the mode
	 * @param event the event
	 * @return the subscribers, in registration order
	 */
	public List<Subscriber> wanting(Delivery delivery, Event event) {
		List<Subscriber> candidates = of(delivery);
		if (candidates.isEmpty()) {
			return List.of();
		}
		List<Subscriber> wanting = new ArrayList<>(2);
		for (Subscriber subscriber : candidates) {
			if (subscriber.wants(event)) {
				wanting.add(subscriber);
			}
		}
		return wanting;
	}

	/**
	 * The subscribers of a mode.
	 * @param delivery the mode
	 * @return the subscribers
	 */
	public List<Subscriber> of(Delivery delivery) {
		return switch (delivery) {
			case DURABLE -> this.durable;
			case AFTER_COMMIT -> this.afterCommit;
			case IN_TRANSACTION -> this.inTransaction;
		};
	}

	/**
	 * Find a subscriber by id.
	 * @param id the id
	 * @return the subscriber, or {@code null}
	 */
	public Subscriber byId(String id) {
		return this.byId.get(id);
	}

	/**
	 * The ids of the durable subscribers.
	 * @return the ids
	 */
	public List<String> durableIds() {
		return this.durable.stream().map(Subscriber::id).toList();
	}

	/**
	 * Whether a durable subscriber delivers in order.
	 * @return whether any is ordered
	 */
	public boolean anyOrdered() {
		return this.durable.stream().anyMatch(Subscriber::ordered);
	}

}
