package dev.eventstarter;

/**
 * An in-process handler registered with {@link EventBus#on} or {@link EventBus#once}.
 */
@FunctionalInterface
public interface Subscription {

	/**
	 * Stop receiving events. Calling it again does nothing.
	 */
	void cancel();

}
