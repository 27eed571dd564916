package dev.eventstarter.test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.eventstarter.Changes;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one event, in the words of the domain: its type and resource, the fields
 * it changed with their old and new values, its payload, who caused it and in which
 * transaction. A failure shows the event.
 */
public final class EventAssert extends AbstractAssert<EventAssert, Event> {

	private final List<? extends Event> recorded;

	EventAssert(@Nullable Event event, List<? extends Event> recorded) {
		super(event, EventAssert.class);
		this.recorded = recorded;
	}

	/**
	 * The event has a type.
	 * @param pattern an event type or a pattern such as {@code posts.*}
	 * @return this
	 */
	public EventAssert isOfType(String pattern) {
		RecordedEvents.requireValidPattern(pattern);
		isNotNull();
		if (!RecordedEvents.matches(pattern, this.actual)) {
			failWithMessage("Expecting a %s event but was:%n  %s", pattern, describe());
		}
		return this;
	}

	/**
	 * The event is about a resource.
	 * @param resourceName the resource name, such as {@code posts}
	 * @param resourceId the resource id, compared as a string
	 * @return this
	 */
	public EventAssert isFor(String resourceName, Object resourceId) {
		isNotNull();
		String id = String.valueOf(resourceId);
		if (!resourceName.equals(this.actual.resourceName()) || !id.equals(this.actual.resourceId())) {
			failWithMessage("Expecting an event for %s/%s but was:%n  %s", resourceName, id, describe());
		}
		return this;
	}

	/**
	 * The event touched exactly these attributes: added, updated or removed ones, in any
	 * order.
	 * @param fields the attribute names
	 * @return this
	 */
	public EventAssert hasChangedFields(String... fields) {
		isNotNull();
		Changes changes = this.actual.changes();
		Set<String> touched = new LinkedHashSet<>(changes.added());
		touched.addAll(changes.updated());
		touched.addAll(changes.removed());
		if (!touched.equals(new LinkedHashSet<>(Arrays.asList(fields)))) {
			failWithMessage("Expecting the changed fields %s but were %s in:%n  %s", Arrays.toString(fields), touched,
					describe());
		}
		return this;
	}

	/**
	 * The attribute had this value before the change.
	 * @param field the attribute name
	 * @param expected the value: numbers compare by value, enums by name
	 * @return this
	 */
	public EventAssert hasOldValue(String field, @Nullable Object expected) {
		return hasValue("old", this.actual.oldState(), field, expected);
	}

	/**
	 * The attribute has this value after the change.
	 * @param field the attribute name
	 * @param expected the value: numbers compare by value, enums by name
	 * @return this
	 */
	public EventAssert hasNewValue(String field, @Nullable Object expected) {
		return hasValue("new", this.actual.newState(), field, expected);
	}

	private EventAssert hasValue(String which, @Nullable Map<String, Object> state, String field,
			@Nullable Object expected) {
		isNotNull();
		if (state == null) {
			failWithMessage("Expecting %s.%s to be %s but the event has no %s state:%n  %s", which, field, expected,
					which, describe());
			return this;
		}
		if (!state.containsKey(field)) {
			failWithMessage("Expecting %s.%s to be %s but the %s state has no such field, only %s:%n  %s", which, field,
					expected, which, state.keySet(), describe());
			return this;
		}
		Object value = state.get(field);
		if (!sameValue(value, expected)) {
			failWithMessage("Expecting %s.%s to be %s but was %s in:%n  %s", which, field, expected, value, describe());
		}
		return this;
	}

	/**
	 * The payload, mapped to a type, equals a value.
	 * @param <T> the payload type
	 * @param type the type to map to
	 * @param expected the payload
	 * @return this
	 */
	public <T> EventAssert hasPayload(Class<T> type, T expected) {
		T payload = payload(type);
		if (!Objects.equals(payload, expected)) {
			failWithMessage("Expecting the payload %s but was %s in:%n  %s", expected, payload, describe());
		}
		return this;
	}

	/**
	 * The payload, mapped to a type, satisfies assertions.
	 * @param <T> the payload type
	 * @param type the type to map to
	 * @param requirements assertions on the payload
	 * @return this
	 */
	public <T> EventAssert hasPayloadSatisfying(Class<T> type, Consumer<? super T> requirements) {
		T payload = payload(type);
		if (payload == null) {
			failWithMessage("Expecting a payload but the event has none:%n  %s", describe());
			return this;
		}
		requirements.accept(payload);
		return this;
	}

	private <T> @Nullable T payload(Class<T> type) {
		isNotNull();
		try {
			return this.actual.payload(type);
		}
		catch (IllegalArgumentException ex) {
			failWithMessage("Expecting a payload that maps to %s but it does not (%s):%n  %s", type.getName(),
					ex.getMessage(), describe());
			return null;
		}
	}

	/**
	 * The event was caused by a user.
	 * @param userId the user id, as {@code SessionVariables.userId()} records it
	 * @return this
	 */
	public EventAssert isByUser(String userId) {
		isNotNull();
		SessionVariables session = this.actual.sessionVariables();
		String actualUser = (session != null) ? session.userId() : null;
		if (!userId.equals(actualUser)) {
			failWithMessage("Expecting an event by %s but it was by %s:%n  %s", userId,
					(actualUser != null) ? actualUser : "nobody known", describe());
		}
		return this;
	}

	/**
	 * The event was recorded in a transaction.
	 * @param transactionId the transaction id
	 * @return this
	 */
	public EventAssert isInTransaction(UUID transactionId) {
		isNotNull();
		if (!transactionId.equals(this.actual.transactionId())) {
			failWithMessage("Expecting an event of transaction %s but it was of %s:%n  %s", transactionId,
					this.actual.transactionId(), describe());
		}
		return this;
	}

	/**
	 * The event was recorded in the same transaction as another.
	 * @param other the other event
	 * @return this
	 */
	public EventAssert isInSameTransactionAs(Event other) {
		isNotNull();
		if (!other.transactionId().equals(this.actual.transactionId())) {
			failWithMessage("Expecting an event of the transaction of%n  %s%nbut it was of another:%n  %s",
					EventDescriptions.describe(other), describe());
		}
		return this;
	}

	/**
	 * The event's transaction committed.
	 * @return this
	 */
	public EventAssert isCommitted() {
		return hasStatus(RecordedEvent.Status.COMMITTED);
	}

	/**
	 * The event's transaction rolled back: it was never written.
	 * @return this
	 */
	public EventAssert isRolledBack() {
		return hasStatus(RecordedEvent.Status.ROLLED_BACK);
	}

	private EventAssert hasStatus(RecordedEvent.Status status) {
		isNotNull();
		if (!(this.actual instanceof RecordedEvent recorded)) {
			failWithMessage("Expecting a recorded event (from RecordedEvents), which knows its transaction's fate, "
					+ "but was a %s:%n  %s", this.actual.getClass().getSimpleName(), describe());
			return this;
		}
		if (recorded.status() != status) {
			failWithMessage("Expecting a %s event but it is %s:%n  %s", EventDescriptions.describe(status),
					EventDescriptions.describe(recorded.status()), describe());
		}
		return this;
	}

	// the event, then what else was recorded when it was picked from RecordedEvents
	private String describe() {
		String event = EventDescriptions.describe(this.actual);
		return this.recorded.isEmpty() ? event : event + "\nrecorded:\n" + EventDescriptions.describe(this.recorded);
	}

	private static boolean sameValue(@Nullable Object actual, @Nullable Object expected) {
		if (expected instanceof Enum<?> constant) {
			return constant.name().equals(actual);
		}
		if (actual instanceof Number number && expected instanceof Number other) {
			return new BigDecimal(number.toString()).compareTo(new BigDecimal(other.toString())) == 0;
		}
		if (actual instanceof String text && expected != null && !(expected instanceof String)) {
			// dates, UUIDs and the like are stored as their JSON text
			return text.equals(expected.toString());
		}
		return Objects.equals(actual, expected);
	}

}
