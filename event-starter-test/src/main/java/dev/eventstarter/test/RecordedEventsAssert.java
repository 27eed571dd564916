package dev.eventstarter.test;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.eventstarter.Event;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the events a test recorded, in the order they were recorded. A failure
 * lists every event in view.
 */
public final class RecordedEventsAssert extends AbstractAssert<RecordedEventsAssert, List<RecordedEvent>> {

	private final List<RecordedEvent> recorded;

	RecordedEventsAssert(List<RecordedEvent> recorded) {
		this(recorded, recorded);
	}

	private RecordedEventsAssert(List<RecordedEvent> inView, List<RecordedEvent> recorded) {
		super(inView, RecordedEventsAssert.class);
		this.recorded = recorded;
	}

	/**
	 * Only the events whose transaction committed.
	 * @return assertions on those
	 */
	public RecordedEventsAssert onlyCommitted() {
		return filtered(this.actual.stream().filter(RecordedEvent::isCommitted).toList(), "committed");
	}

	/**
	 * Only the events whose transaction rolled back.
	 * @return assertions on those
	 */
	public RecordedEventsAssert onlyRolledBack() {
		return filtered(
				this.actual.stream().filter((event) -> event.status() == RecordedEvent.Status.ROLLED_BACK).toList(),
				"rolled back");
	}

	/**
	 * Only the events of a type.
	 * @param pattern an event type or a pattern such as {@code posts.*}
	 * @return assertions on those
	 */
	public RecordedEventsAssert ofType(String pattern) {
		RecordedEvents.requireValidPattern(pattern);
		return filtered(this.actual.stream().filter((event) -> RecordedEvents.matches(pattern, event)).toList(),
				pattern);
	}

	/**
	 * Exactly one event of a type is in view.
	 * @param pattern an event type or a pattern such as {@code posts.*}
	 * @return assertions on that event
	 */
	public EventAssert hasOne(String pattern) {
		RecordedEvents.requireValidPattern(pattern);
		List<RecordedEvent> matching = this.actual.stream()
			.filter((event) -> RecordedEvents.matches(pattern, event))
			.toList();
		if (matching.size() != 1) {
			failWithMessage("Expecting exactly one %s event but found %d among the events in view; recorded:%n%s",
					pattern, matching.size(), describeActual());
			return new EventAssert(null, this.recorded);
		}
		return new EventAssert(matching.get(0), this.recorded);
	}

	/**
	 * Exactly one event of a type is in view for a resource.
	 * @param pattern an event type or a pattern such as {@code posts.*}
	 * @param resourceName the resource name
	 * @param resourceId the resource id, compared as a string
	 * @return assertions on that event
	 */
	public EventAssert hasOne(String pattern, String resourceName, Object resourceId) {
		RecordedEvents.requireValidPattern(pattern);
		String id = String.valueOf(resourceId);
		List<RecordedEvent> matching = this.actual.stream()
			.filter((event) -> RecordedEvents.matches(pattern, event) && resourceName.equals(event.resourceName())
					&& id.equals(event.resourceId()))
			.toList();
		if (matching.size() != 1) {
			failWithMessage(
					"Expecting exactly one %s event for %s/%s but found %d among the events in view; recorded:%n%s",
					pattern, resourceName, id, matching.size(), describeActual());
			return new EventAssert(null, this.recorded);
		}
		return new EventAssert(matching.get(0), this.recorded);
	}

	/**
	 * No event of a type is in view.
	 * @param pattern an event type or a pattern such as {@code emails.*}
	 * @return this
	 */
	public RecordedEventsAssert hasNone(String pattern) {
		RecordedEvents.requireValidPattern(pattern);
		long matching = this.actual.stream().filter((event) -> RecordedEvents.matches(pattern, event)).count();
		if (matching > 0) {
			failWithMessage("Expecting no %s event but found %d among the events in view; recorded:%n%s", pattern,
					matching, describeActual());
		}
		return this;
	}

	/**
	 * The events in view have exactly these types, in this order.
	 * @param types the event types (not patterns)
	 * @return this
	 */
	public RecordedEventsAssert hasTypesExactly(String... types) {
		List<String> actualTypes = this.actual.stream().map(Event::eventType).toList();
		if (!actualTypes.equals(Arrays.asList(types))) {
			failWithMessage("Expecting the types %s in this order but found %s; recorded:%n%s", Arrays.toString(types),
					actualTypes, describeActual());
		}
		return this;
	}

	/**
	 * The number of events in view.
	 * @param expected how many
	 * @return this
	 */
	public RecordedEventsAssert hasSize(int expected) {
		if (this.actual.size() != expected) {
			failWithMessage("Expecting %d events in view but found %d; recorded:%n%s", expected, this.actual.size(),
					describeActual());
		}
		return this;
	}

	/**
	 * No event is in view.
	 * @return this
	 */
	public RecordedEventsAssert isEmpty() {
		if (!this.actual.isEmpty()) {
			failWithMessage("Expecting no events in view but found %d; recorded:%n%s", this.actual.size(),
					describeActual());
		}
		return this;
	}

	/**
	 * Every event in view was recorded in one transaction.
	 * @return this
	 */
	public RecordedEventsAssert areInOneTransaction() {
		if (this.actual.stream().map(Event::transactionId).distinct().count() > 1) {
			failWithMessage("Expecting the events in view in one transaction but they were in %d; recorded:%n%s",
					this.actual.stream().map(Event::transactionId).distinct().count(), describeActual());
		}
		return this;
	}

	private RecordedEventsAssert filtered(List<RecordedEvent> events, String filter) {
		RecordedEventsAssert filtered = new RecordedEventsAssert(events, this.recorded);
		String description = Objects.requireNonNullElse(this.info.descriptionText(), "");
		return filtered.as(description.isEmpty() ? filter + " events" : description + ", " + filter + " events");
	}

	// every recorded event, also those a filter left out: they show what went wrong
	private String describeActual() {
		return EventDescriptions.describe(this.recorded);
	}

}
