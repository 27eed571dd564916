package dev.eventstarter.dispatch;

import dev.eventstarter.Event;

/**
 * The code of a built-in subscriber that takes one event at a time.
 */
@FunctionalInterface
public interface EventHandler {

	/**
	 * Handle an event. Throwing fails the delivery, which is retried.
	 * @param event the event
	 * @throws Exception if the delivery failed
	 */
	void handle(Event event) throws Exception;

}
