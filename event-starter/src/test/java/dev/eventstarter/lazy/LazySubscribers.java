package dev.eventstarter.lazy;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.stereotype.Component;

/**
 * Subscribers on a component that nothing injects: under lazy initialization it is only
 * created when an event reaches it.
 */
@Component
class LazySubscribers {

	private final LazyDeliveries deliveries;

	LazySubscribers(LazyDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@OnEvent({ "lazy.*", "lazy_notes.*" })
	void durable(Event event) {
		this.deliveries.record("durable", event);
	}

	@OnEvent(value = { "lazy.*", "lazy_notes.*" }, delivery = Delivery.AFTER_COMMIT)
	void afterCommit(Event event) {
		this.deliveries.record("afterCommit", event);
	}

	@OnEvent(value = { "lazy.*", "lazy_notes.*" }, delivery = Delivery.IN_TRANSACTION)
	void inTransaction(Event event) {
		this.deliveries.record("inTransaction", event);
	}

}
