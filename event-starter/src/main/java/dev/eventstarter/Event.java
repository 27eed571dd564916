package dev.eventstarter;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event as recorded in the {@code _events} table: an entity change captured by
 * Hibernate or an event an application emitted through {@link EventBus}.
 *
 * <p>
 * For CRUD events ({@code <resource>.created}, {@code .updated}, {@code .deleted})
 * {@link #data()} is {@code {"old": …, "new": …, "changes": …}}; for custom events it is
 * the payload given to {@link EventBus#emit(String, Object)}.
 */
public interface Event {

	/**
	 * Internal sequence of the event, increasing in insertion order.
	 * @return the {@code _events.id} value, or {@code 0} for an event not read from the
	 * table ({@code IN_TRANSACTION} and {@code AFTER_COMMIT} deliveries, {@code on/once}
	 * handlers)
	 */
	long id();

	/**
	 * The event's public, unique id; use it to make handlers idempotent.
	 * @return the event id
	 */
	UUID eventId();

	/**
	 * The type, such as {@code posts.created} or {@code orders.shipped}.
	 * @return the event type
	 */
	String eventType();

	/**
	 * The resource the event is about, such as {@code posts}.
	 * @return the resource name, or {@code null} for a custom event without a resource
	 */
	@Nullable String resourceName();

	/**
	 * The id of the affected record as a string (composite ids as compact JSON).
	 * @return the resource id, or {@code null}
	 */
	@Nullable String resourceId();

	/**
	 * When the event occurred.
	 * @return the creation time
	 */
	Instant createdAt();

	/**
	 * When routing to all its durable subscribers was done.
	 * @return the dispatch time, or {@code null} while undispatched
	 */
	@Nullable Instant dispatchedAt();

	/**
	 * When the personal data this event held was erased through {@link EventErasure}: its
	 * state values, payload or session variables are then {@code null}, while its ids,
	 * type, times and changed attribute names remain.
	 * @return the erasure time, or {@code null} if nothing of it was ever erased
	 */
	default @Nullable Instant erasedAt() {
		return null;
	}

	/**
	 * The event's data as JSON.
	 * @return the data, a JSON {@code null} node when the payload was {@code null}
	 */
	JsonNode data();

	/**
	 * The resource's state before the change, by attribute name.
	 * @return the old state of an updated or deleted resource, else {@code null}
	 */
	@Nullable Map<String, Object> oldState();

	/**
	 * The resource's state after the change, by attribute name.
	 * @return the new state of a created or updated resource, else {@code null}
	 */
	@Nullable Map<String, Object> newState();

	/**
	 * The attributes a CRUD event touched.
	 * @return the changes, {@link Changes#NONE} for a custom event
	 */
	Changes changes();

	/**
	 * Who caused the event and from where.
	 * @return the session variables, or {@code null} outside a request or
	 * {@code EventContext}
	 */
	@Nullable SessionVariables sessionVariables();

	/**
	 * Tracing identifiers current when the event was emitted.
	 * @return the trace context, or {@code null} when there was none
	 */
	@Nullable TraceContext traceContext();

	/**
	 * The tenant of the change.
	 * @return the tenant, or {@code null}
	 */
	@Nullable String tenant();

	/**
	 * The emitting service, by default {@code spring.application.name}.
	 * @return the source, or {@code null}
	 */
	@Nullable String source();

	/**
	 * Dispatch priority from 0 to 10; higher is dispatched first.
	 * @return the priority
	 */
	int priority();

	/**
	 * Id shared by every event written by the same transaction.
	 * @return the transaction id
	 */
	UUID transactionId();

	/**
	 * The payload mapped to a type: for CRUD events the new state (the old state for a
	 * deleted event), for custom events the emitted payload.
	 * @param <T> the payload type
	 * @param type the type to map to
	 * @return the mapped payload, or {@code null} when there is none
	 * @throws IllegalArgumentException if the payload does not map to {@code type}
	 */
	<T> @Nullable T payload(Class<T> type);

}
