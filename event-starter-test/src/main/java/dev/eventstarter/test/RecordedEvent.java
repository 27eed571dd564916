package dev.eventstarter.test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Changes;
import dev.eventstarter.Event;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event recorded while a test ran, with the fate of its transaction. It reads like the
 * event a subscriber gets, with {@link #id()} {@code 0}: it is recorded before its row
 * exists.
 */
public final class RecordedEvent implements Event {

	/**
	 * What became of the transaction that recorded the event.
	 */
	public enum Status {

		/**
		 * Its transaction is still open: the event is written at commit.
		 */
		PENDING,

		/**
		 * Its transaction committed the event.
		 */
		COMMITTED,

		/**
		 * Its transaction rolled back: the event was never written.
		 */
		ROLLED_BACK

	}

	private final Event event;

	private volatile Status status = Status.PENDING;

	RecordedEvent(Event event) {
		this.event = event;
	}

	/**
	 * What became of the event's transaction.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	/**
	 * Whether the event's transaction committed.
	 * @return {@code true} once committed
	 */
	public boolean isCommitted() {
		return this.status == Status.COMMITTED;
	}

	void status(Status status) {
		this.status = status;
	}

	@Override
	public long id() {
		return this.event.id();
	}

	@Override
	public UUID eventId() {
		return this.event.eventId();
	}

	@Override
	public String eventType() {
		return this.event.eventType();
	}

	@Override
	public @Nullable String resourceName() {
		return this.event.resourceName();
	}

	@Override
	public @Nullable String resourceId() {
		return this.event.resourceId();
	}

	@Override
	public Instant createdAt() {
		return this.event.createdAt();
	}

	@Override
	public @Nullable Instant dispatchedAt() {
		return this.event.dispatchedAt();
	}

	@Override
	public JsonNode data() {
		return this.event.data();
	}

	@Override
	public @Nullable Map<String, Object> oldState() {
		return this.event.oldState();
	}

	@Override
	public @Nullable Map<String, Object> newState() {
		return this.event.newState();
	}

	@Override
	public Changes changes() {
		return this.event.changes();
	}

	@Override
	public @Nullable SessionVariables sessionVariables() {
		return this.event.sessionVariables();
	}

	@Override
	public @Nullable TraceContext traceContext() {
		return this.event.traceContext();
	}

	@Override
	public @Nullable String tenant() {
		return this.event.tenant();
	}

	@Override
	public @Nullable String source() {
		return this.event.source();
	}

	@Override
	public int priority() {
		return this.event.priority();
	}

	@Override
	public UUID transactionId() {
		return this.event.transactionId();
	}

	@Override
	public <T> @Nullable T payload(Class<T> type) {
		return this.event.payload(type);
	}

	@Override
	public String toString() {
		return EventDescriptions.describe(this);
	}

}
