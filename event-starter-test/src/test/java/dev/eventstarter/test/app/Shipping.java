package dev.eventstarter.test.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.stereotype.Component;

/**
 * A durable subscriber whose carrier refuses every order until it is told otherwise.
 */
@Component
public class Shipping {

	private final List<Object> shipped = new CopyOnWriteArrayList<>();

	private volatile boolean carrierUp;

	@OnEvent(value = "orders.placed", id = "shipping", maxAttempts = 3)
	void ship(Event event) {
		if (!this.carrierUp) {
			throw new IllegalStateException("The carrier refused order " + event.data().get("orderId"));
		}
		this.shipped.add(event.data().get("orderId").asLong());
	}

	public void carrierUp(boolean up) {
		this.carrierUp = up;
	}

	public List<Object> shipped() {
		return this.shipped;
	}

}
