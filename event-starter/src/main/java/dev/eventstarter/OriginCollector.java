package dev.eventstarter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Collects what the {@link OriginSource}s find out about the code recording an event: one
 * per event, filled in by the sources and then turned into the event's session variables
 * and trace context. Values a source leaves out stay unknown.
 */
public interface OriginCollector {

	/**
	 * Record that the code runs in an HTTP request, and its client.
	 * @param ip the client address
	 * @param userAgent the {@code User-Agent} header
	 */
	void request(@Nullable String ip, @Nullable String userAgent);

	/**
	 * Record the request's identifiers.
	 * @param requestId the request id
	 * @param correlationId the correlation id the client sent
	 */
	void requestIds(@Nullable String requestId, @Nullable String correlationId);

	/**
	 * Record the authenticated user.
	 * @param userId the principal's name
	 * @param roles the principal's roles, without the {@code ROLE_} prefix
	 */
	void user(String userId, List<String> roles);

	/**
	 * Record the current span.
	 * @param traceId the trace id
	 * @param spanId the span id
	 * @param parentSpanId the parent span id
	 * @param sampled whether the span is sampled
	 */
	void span(String traceId, String spanId, @Nullable String parentSpanId, @Nullable Boolean sampled);

}
