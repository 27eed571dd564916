package dev.eventstarter.dispatch;

import java.util.List;

/**
 * Beans that bring subscribers, collected once every singleton exists: the
 * {@code @OnEvent} methods, the webhooks.
 */
@FunctionalInterface
public interface SubscriberSource {

	/**
	 * The subscribers.
	 * @return them, each with an id no other has
	 * @throws IllegalStateException naming what to fix when one is wrong
	 */
	List<Subscriber> subscribers();

}
