package dev.eventstarter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Reads the event record in {@code _events}.
 *
 * <p>
 * Resource ids are given as the entity identifier ({@code 1L}, a UUID, an embeddable for
 * composite keys) or as the string {@link Event#resourceId()} shows.
 */
public interface EventStore {

	/**
	 * Find events, oldest first.
	 * @param query the filters and limit
	 * @return the matching events, at most {@link EventQuery#limit()}
	 */
	List<Event> query(EventQuery query);

	/**
	 * Find one event.
	 * @param eventId the public event id
	 * @return the event, or empty when there is none with that id
	 */
	Optional<Event> findByEventId(UUID eventId);

	/**
	 * Mark an event as dispatched now, unless it already is.
	 * @param eventId the public event id
	 * @return {@code true} if the event existed and was undispatched
	 */
	boolean markDispatched(UUID eventId);

	/**
	 * Every event of one resource, oldest first.
	 * @param resourceName the resource name, such as {@code posts}
	 * @param resourceId the resource id
	 * @return the events, empty when there are none
	 */
	List<Event> history(String resourceName, Object resourceId);

	/**
	 * The state a resource had at an instant, from its latest CRUD event at or before it.
	 * Ignored attributes are absent and masked ones read {@code "***"}, as in the events.
	 * @param resourceName the resource name
	 * @param resourceId the resource id
	 * @param at the instant
	 * @return the state, or empty when the resource did not exist then
	 */
	Optional<Map<String, Object>> stateAt(String resourceName, Object resourceId, Instant at);

	/**
	 * Fold the history of one resource, oldest event first, without holding it all in
	 * memory.
	 * @param <S> the type of the state
	 * @param resourceName the resource name
	 * @param resourceId the resource id
	 * @param initial the state before the first event
	 * @param reducer combines the state so far with the next event
	 * @return the state after the last event
	 */
	<S> S replay(String resourceName, Object resourceId, S initial, BiFunction<S, Event, S> reducer);

}
