package dev.eventstarter;

import org.jspecify.annotations.Nullable;

/**
 * Tracing identifiers current when an event was emitted.
 *
 * @param traceId the W3C trace id (32 hex characters)
 * @param spanId the id of the span that emitted the event (16 hex characters)
 * @param parentSpanId the id of that span's parent
 * @param requestId the {@code X-Request-Id} of the request
 * @param correlationId the {@code X-Correlation-Id} of the request, or the one given when
 * emitting
 */
public record TraceContext(@Nullable String traceId, @Nullable String spanId, @Nullable String parentSpanId,
		@Nullable String requestId, @Nullable String correlationId) {

}
