package dev.eventstarter.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.EmitOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completes a draft into a row: ids, times, source, origin and metadata.
 */
public final class PendingEventFactory {

	private final JsonMapper jsonMapper;

	private final @Nullable String defaultSource;

	private final Clock clock;

	/**
	 * Create a factory.
	 * @param jsonMapper writes the JSON columns
	 * @param defaultSource the source of events emitted without one
	 * @param clock the clock of {@code created_at}
	 */
	public PendingEventFactory(JsonMapper jsonMapper, @Nullable String defaultSource, Clock clock) {
		this.jsonMapper = jsonMapper;
		this.defaultSource = defaultSource;
		this.clock = clock;
	}

	PendingEvent create(EventDraft draft, UUID transactionId) {
		EmitOptions options = draft.options();
		// PostgreSQL keeps microseconds: truncating here makes the in-memory event equal
		// the stored one
		Instant createdAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String source = (options.source() != null) ? options.source() : this.defaultSource;
		return new PendingEvent(EventIds.next(), draft.eventType(), draft.resourceName(), draft.resourceId(), createdAt,
				options.availableAt(createdAt).truncatedTo(ChronoUnit.MICROS), options.priority(), options.tenant(),
				source, draft.data(), null, traceContext(options), transactionId, draft.metadata());
	}

	private @Nullable String traceContext(EmitOptions options) {
		if (options.traceId() == null && options.correlationId() == null) {
			return null;
		}
		Map<String, @Nullable Object> traceContext = new LinkedHashMap<>();
		traceContext.put("traceId", options.traceId());
		traceContext.put("spanId", null);
		traceContext.put("parentSpanId", null);
		traceContext.put("requestId", null);
		traceContext.put("correlationId", options.correlationId());
		return this.jsonMapper.writeValueAsString(traceContext);
	}

}
