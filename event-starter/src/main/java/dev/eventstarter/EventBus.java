package dev.eventstarter;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Emits events through the same path as captured entity changes: written to
 * {@code _events} with the current transaction, delivered after it commits.
 *
 * <p>
 * Inside a transaction an emitted event joins it and is written, with every other event
 * of that transaction, in one batch just before commit; a rollback discards it. Outside a
 * transaction the event is written in a transaction of its own before the method returns.
 * Invalid arguments throw {@link IllegalArgumentException} and write nothing.
 */
public interface EventBus {

	/**
	 * Emit a custom event.
	 * @param type the event type: 1 to 255 letters, digits, {@code .}, {@code _},
	 * {@code -} or {@code :}
	 * @param payload the payload, written as JSON; may be {@code null}
	 * @return the event id
	 */
	default UUID emit(String type, @Nullable Object payload) {
		return emit(type, payload, EmitOptions.defaults());
	}

	/**
	 * Emit a custom event with options.
	 * @param type the event type: 1 to 255 letters, digits, {@code .}, {@code _},
	 * {@code -} or {@code :}
	 * @param payload the payload, written as JSON; may be {@code null}
	 * @param options priority, delay, retry policy, origin and metadata
	 * @return the event id
	 */
	UUID emit(String type, @Nullable Object payload, EmitOptions options);

	/**
	 * Emit {@code <resourceName>.created} for a resource the application created outside
	 * JPA.
	 * @param resourceName the resource name, such as {@code posts}
	 * @param resourceId the resource id
	 * @param newState the created state, written as a JSON object
	 * @return the event id
	 */
	UUID emitCreated(String resourceName, Object resourceId, Object newState);

	/**
	 * Emit {@code <resourceName>.updated}; the changed attributes are the top-level
	 * properties whose values differ between the two states.
	 * @param resourceName the resource name, such as {@code posts}
	 * @param resourceId the resource id
	 * @param oldState the state before, written as a JSON object
	 * @param newState the state after, written as a JSON object
	 * @return the event id
	 */
	UUID emitUpdated(String resourceName, Object resourceId, Object oldState, Object newState);

	/**
	 * Emit {@code <resourceName>.deleted}.
	 * @param resourceName the resource name, such as {@code posts}
	 * @param resourceId the resource id
	 * @param oldState the state before deletion, written as a JSON object
	 * @return the event id
	 */
	UUID emitDeleted(String resourceName, Object resourceId, Object oldState);

	/**
	 * Call a handler in this process after each commit that wrote a matching event, like
	 * an {@link Delivery#AFTER_COMMIT} subscriber.
	 * @param pattern an event type pattern; {@code *} matches any run of characters
	 * @param handler the handler; its exceptions are logged
	 * @return the subscription, to cancel it
	 */
	Subscription on(String pattern, Consumer<Event> handler);

	/**
	 * Like {@link #on}, for the first matching event only.
	 * @param pattern an event type pattern
	 * @param handler the handler
	 * @return the subscription, to cancel it before an event arrives
	 */
	Subscription once(String pattern, Consumer<Event> handler);

	/**
	 * Wait until every durable subscriber of an event has received it.
	 * @param eventId the event id
	 * @param timeout how long to wait at most
	 * @return {@code true} when the event is dispatched and every durable delivery
	 * succeeded; {@code false} on timeout or when a delivery is dead
	 */
	boolean awaitDelivery(UUID eventId, Duration timeout);

	/**
	 * Deliver everything due now (events and retries) in the calling thread, until
	 * nothing due is left. Safe while background dispatch runs; what it claims, the
	 * dispatcher does not. In the WAL store mode ({@code events.store.mode=wal}) it first
	 * waits until every transaction committed before the call is relayed into the event
	 * table.
	 * @return the number of deliveries made, failed ones included
	 */
	int drain();

	/**
	 * Retry an event's dead and failed deliveries now, and make it available now if it is
	 * still undispatched.
	 * @param eventId the event id
	 * @return {@code false} when there is no such event
	 */
	boolean retry(UUID eventId);

}
