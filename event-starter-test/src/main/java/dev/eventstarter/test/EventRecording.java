package dev.eventstarter.test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.eventstarter.store.PendingEvent;
import dev.eventstarter.store.StoredEvent;
import dev.eventstarter.store.TransactionEventsListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds {@link RecordedEvents} from the write path: each event as its transaction records
 * it, then the transaction's outcome.
 */
final class EventRecording implements TransactionEventsListener {

	private final RecordedEvents recorded;

	private final JsonMapper jsonMapper;

	private final Map<UUID, RecordedEvent> byEventId = new ConcurrentHashMap<>();

	EventRecording(RecordedEvents recorded, JsonMapper jsonMapper) {
		this.recorded = recorded;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void recorded(PendingEvent event) {
		RecordedEvent recordedEvent = new RecordedEvent(new StoredEvent(0, event, null, this.jsonMapper));
		this.byEventId.put(event.eventId(), recordedEvent);
		this.recorded.add(recordedEvent);
	}

	@Override
	public void afterCommit(List<PendingEvent> events) {
		settle(events, RecordedEvent.Status.COMMITTED);
	}

	@Override
	public void rolledBack(List<PendingEvent> events) {
		settle(events, RecordedEvent.Status.ROLLED_BACK);
	}

	private void settle(List<PendingEvent> events, RecordedEvent.Status status) {
		for (PendingEvent event : events) {
			RecordedEvent recordedEvent = this.byEventId.remove(event.eventId());
			if (recordedEvent != null) {
				recordedEvent.status(status);
			}
		}
		this.recorded.changed();
	}

	void clear() {
		this.byEventId.clear();
	}

}
