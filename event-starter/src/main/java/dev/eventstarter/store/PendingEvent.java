package dev.eventstarter.store;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event built in a transaction and not yet written: one future row of {@code _events},
 * with its JSON columns already serialized.
 *
 * @param eventId the public id
 * @param eventType the type
 * @param resourceName the resource name, or {@code null}
 * @param resourceId the resource id, or {@code null}
 * @param createdAt when it occurred
 * @param availableAt when it may be dispatched
 * @param priority from 0 to 10
 * @param tenant the tenant, or {@code null}
 * @param source the emitting service, or {@code null}
 * @param data the data as JSON
 * @param sessionVariables the session variables as JSON, or {@code null}
 * @param traceContext the trace context as JSON, or {@code null}
 * @param transactionId the id shared by the transaction's events
 * @param metadata the metadata as JSON, or {@code null}
 */
public record PendingEvent(UUID eventId, String eventType, @Nullable String resourceName, @Nullable String resourceId,
		Instant createdAt, Instant availableAt, int priority, @Nullable String tenant, @Nullable String source,
		String data, @Nullable String sessionVariables, @Nullable String traceContext, UUID transactionId,
		@Nullable String metadata) {

	/**
	 * Whether the event is due when written: a delayed one ({@code delay},
	 * {@code notBefore}) waits in the work list for its time and is never handed over.
	 * @return whether it is available from its creation
	 */
	public boolean dueAtOnce() {
		return !this.availableAt.isAfter(this.createdAt);
	}

}
