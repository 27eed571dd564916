package dev.eventstarter.test;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.eventstarter.Changes;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;

/**
 * One line per event for failure messages: type, resource, fate, what changed and who
 * changed it.
 */
final class EventDescriptions {

	private EventDescriptions() {
	}

	static String describe(List<? extends Event> events) {
		if (events.isEmpty()) {
			return "  (no events)";
		}
		return IntStream.range(0, events.size())
			.mapToObj((i) -> "  " + (i + 1) + ". " + describe(events.get(i)))
			.collect(Collectors.joining("\n"));
	}

	static String describe(RecordedEvent.Status status) {
		return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	static String describe(Event event) {
		StringBuilder line = new StringBuilder(event.eventType());
		if (event.resourceName() != null) {
			line.append(' ').append(event.resourceName()).append('/').append(event.resourceId());
		}
		if (event instanceof RecordedEvent recorded) {
			line.append(" (").append(describe(recorded.status())).append(')');
		}
		Changes changes = event.changes();
		if (!changes.updated().isEmpty()) {
			line.append(" changed ").append(changes.updated());
		}
		SessionVariables session = event.sessionVariables();
		if (session != null && session.userId() != null) {
			line.append(" by ").append(session.userId());
		}
		if (event.resourceName() == null) {
			// a custom event: its payload says what happened
			line.append(' ').append(event.data());
		}
		line.append(" [").append(event.eventId()).append(", transaction ").append(event.transactionId()).append(']');
		return line.toString();
	}

}
