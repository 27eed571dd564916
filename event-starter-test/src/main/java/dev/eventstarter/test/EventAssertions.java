package dev.eventstarter.test;

import java.util.List;

import dev.eventstarter.Event;

/**
 * Entry point of the AssertJ assertions on events.
 *
 * <pre class="code">
 * assertThat(events).hasOne("posts.updated")
 * 	.isFor("posts", post.getId())
 * 	.hasChangedFields("status")
 * 	.hasNewValue("status", "PUBLISHED")
 * 	.isByUser("editor");
 * </pre>
 */
public final class EventAssertions {

	private EventAssertions() {
	}

	/**
	 * Assertions on what a test recorded, as it stands now.
	 * @param events the recorded events
	 * @return the assertions
	 */
	public static RecordedEventsAssert assertThat(RecordedEvents events) {
		return new RecordedEventsAssert(events.all());
	}

	/**
	 * Assertions on one event: a recorded one, one a subscriber received, one read from
	 * the store.
	 * @param event the event
	 * @return the assertions
	 */
	public static EventAssert assertThat(Event event) {
		return new EventAssert(event, List.of());
	}

}
