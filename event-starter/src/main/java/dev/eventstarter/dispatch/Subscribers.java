package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Every subscriber of the application, by delivery mode, collected from the
 * {@link SubscriberSource} beans when first asked for, or once every singleton exists,
 * whichever comes first. Bean definitions are complete by then, so every subscriber is
 * known whether or not its bean was created yet, also for an event emitted while the
 * application starts.
 */
public final class Subscribers implements SmartInitializingSingleton {

	private final Map<String, Subscriber> byId = new ConcurrentHashMap<>();

	private final List<Subscriber> durable = new CopyOnWriteArrayList<>();

	private final List<Subscriber> afterCommit = new CopyOnWriteArrayList<>();

	private final List<Subscriber> inTransaction = new CopyOnWriteArrayList<>();

	private final Supplier<Stream<SubscriberSource>> sources;

	// collection adds under the lock; readers see complete lists once this is set
	private volatile boolean ready;

	/**
	 * Create a registry that collects its subscribers once every singleton exists.
	 * @param sources supplies the sources of subscribers, in order
	 */
	public Subscribers(Supplier<Stream<SubscriberSource>> sources) {
		this.sources = sources;
	}

	@Override
	public void afterSingletonsInstantiated() {
		collected();
	}

	private Subscribers collected() {
		if (!this.ready) {
			synchronized (this) {
				if (!this.ready) {
					try {
						this.sources.get().forEach((source) -> source.subscribers().forEach(this::add));
					}
					catch (IllegalStateException ex) {
						throw new BeanInitializationException("The event subscribers are not valid", ex);
					}
					this.ready = true;
				}
			}
		}
		return this;
	}

	/**
	 * Add a subscriber.
	 * @param subscriber the subscriber
	 * @throws IllegalStateException if another subscriber has its id
	 */
	void add(Subscriber subscriber) {
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
		List<Subscriber> candidates = collected().of(delivery);
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
		collected();
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
	public @Nullable Subscriber byId(String id) {
		return collected().byId.get(id);
	}

	/**
	 * The ids of the durable subscribers.
	 * @return the ids
	 */
	public List<String> durableIds() {
		return collected().durable.stream().map(Subscriber::id).toList();
	}

	/**
	 * Whether a durable subscriber delivers in order.
	 * @return whether any is ordered
	 */
	public boolean anyOrdered() {
		return collected().durable.stream().anyMatch(Subscriber::ordered);
	}

}
