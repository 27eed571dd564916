package dev.eventstarter;

import org.jspecify.annotations.Nullable;

/**
 * Tracing identifiers current when an event was emitted. A delivery of the event runs in
 * a span that continues this trace: its parent is {@link #spanId()}.
 *
 * @param traceId the W3C trace id (32 hex characters)
 * @param spanId the id of the span that emitted the event (16 hex characters)
 * @param parentSpanId the id of that span's parent
 * @param requestId the {@code X-Request-Id} of the request, or an id generated for it
 * @param correlationId the {@code X-Correlation-Id} of the request, or the one given when
 * emitting or by the {@link EventContext}, or else the request id
 * @param sampled whether the emitting span was sampled, so that deliveries are recorded
 * exactly when the rest of their trace is; {@code null} when unknown
 */
public record TraceContext(@Nullable String traceId, @Nullable String spanId, @Nullable String parentSpanId,
		@Nullable String requestId, @Nullable String correlationId, @Nullable Boolean sampled) {

	/**
	 * The W3C {@code traceparent} header that continues this trace, for example to pass
	 * it on to another service.
	 * @return the header value, or {@code null} without a trace and span id
	 */
	public @Nullable String traceparent() {
		if (this.traceId == null || this.spanId == null) {
			return null;
		}
		return "00-" + this.traceId + "-" + this.spanId + (Boolean.FALSE.equals(this.sampled) ? "-00" : "-01");
	}

}
