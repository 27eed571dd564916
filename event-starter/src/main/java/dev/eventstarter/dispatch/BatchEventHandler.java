package dev.eventstarter.dispatch;

import java.util.List;

import dev.eventstarter.Event;

/**
 * The code of a built-in subscriber that takes the events of a dispatch round together.
 */
@FunctionalInterface
public interface BatchEventHandler {

	/**
	 * Handle events. Throwing fails the delivery of every one of them.
	 * @param events the events, at least one
	 * @throws Exception if the deliveries failed
	 */
	void handle(List<Event> events) throws Exception;

}
