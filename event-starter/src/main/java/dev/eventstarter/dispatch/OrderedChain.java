package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.eventstarter.dispatch.DeliveryResult.Outcome;
import dev.eventstarter.dispatch.OrderingQueries.OrderingBlocks;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

/**
 * The events of one resource for one ordered subscriber, in id order, delivered one after
 * the other until one fails or waits; the rest then wait behind it. It runs in steps, up
 * to the settled horizon each time, and what the horizon never passed is left waiting.
 */
final class OrderedChain {

	private final Subscriber subscriber;

	private final String orderingKey;

	private final List<StoredEvent> events = new ArrayList<>();

	private int next;

	private boolean held;

	OrderedChain(Subscriber subscriber, String orderingKey) {
		this.subscriber = subscriber;
		this.orderingKey = orderingKey;
	}

	void add(StoredEvent event) {
		// batches come in dispatch order, where priority goes first
		int at = this.events.size();
		while (at > 0 && this.events.get(at - 1).id() > event.id()) {
			at--;
		}
		this.events.add(at, event);
	}

	Subscriber subscriber() {
		return this.subscriber;
	}

	long lastId() {
		return this.events.get(this.events.size() - 1).id();
	}

	long nextId() {
		return hasMore() ? this.events.get(this.next).id() : Long.MAX_VALUE;
	}

	boolean hasMore() {
		return this.next < this.events.size();
	}

	/**
	 * The events still to go whose ids are settled.
	 */
	List<StoredEvent> settledEvents(long settled) {
		List<StoredEvent> settledEvents = new ArrayList<>();
		for (int i = this.next; i < this.events.size() && this.events.get(i).id() <= settled; i++) {
			settledEvents.add(this.events.get(i));
		}
		return settledEvents;
	}

	/**
	 * Deliver the events up to a settled id, or hold them back behind an earlier one.
	 */
	void runUpTo(long settled, OrderingBlocks blocks, Collection<DeliveryResult> results, Attempt attempt) {
		while (hasMore() && this.events.get(this.next).id() <= settled) {
			StoredEvent event = this.events.get(this.next++);
			this.held = this.held || blocks.blocks(this.subscriber.id(), this.orderingKey, event.id());
			if (this.held) {
				results.add(new DeliveryResult(event, this.subscriber, Outcome.WAITING, this.orderingKey));
				continue;
			}
			DeliveryResult result = attempt.attempt(this.subscriber, event, this.orderingKey);
			results.add(result);
			this.held = result.outcome() != Outcome.SUCCEEDED;
		}
	}

	/**
	 * For a batch subscriber, take the events up to a settled id that nothing holds back,
	 * to be sent with the other chains' in one call; the held ones wait.
	 * @return the events to send, in id order
	 */
	List<StoredEvent> takeUpTo(long settled, OrderingBlocks blocks, Collection<DeliveryResult> results) {
		List<StoredEvent> taken = new ArrayList<>();
		while (hasMore() && this.events.get(this.next).id() <= settled) {
			StoredEvent event = this.events.get(this.next++);
			this.held = this.held || blocks.blocks(this.subscriber.id(), this.orderingKey, event.id());
			if (this.held) {
				results.add(new DeliveryResult(event, this.subscriber, Outcome.WAITING, this.orderingKey));
			}
			else {
				taken.add(event);
			}
		}
		return taken;
	}

	/**
	 * Record how the events taken went: after the first that did not succeed, the later
	 * ones count as waiting behind it, even if they arrived, and go again after it.
	 * @param taken what {@link #takeUpTo} returned
	 * @param outcomes the results of the batch by event id
	 */
	void record(List<StoredEvent> taken, Map<Long, DeliveryResult> outcomes, Collection<DeliveryResult> results) {
		for (StoredEvent event : taken) {
			DeliveryResult result = outcomes.get(event.id());
			if (this.held || result == null) {
				this.held = true;
				results.add(new DeliveryResult(event, this.subscriber, Outcome.WAITING, this.orderingKey));
			}
			else {
				results.add(result);
				this.held = result.outcome() != Outcome.SUCCEEDED;
			}
		}
	}

	/**
	 * Leave the events the horizon has not passed waiting in delivery rows.
	 * @return the highest of their ids, 0 for none
	 */
	long leaveRest(Collection<DeliveryResult> results) {
		long highest = 0;
		while (hasMore()) {
			StoredEvent event = this.events.get(this.next++);
			results.add(new DeliveryResult(event, this.subscriber, Outcome.WAITING, this.orderingKey));
			highest = event.id();
		}
		return highest;
	}

	/**
	 * Delivers one event of the chain.
	 */
	@FunctionalInterface
	interface Attempt {

		DeliveryResult attempt(Subscriber subscriber, StoredEvent event, @Nullable String orderingKey);

	}

}
