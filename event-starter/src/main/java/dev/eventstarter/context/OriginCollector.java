package dev.eventstarter.context;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the {@link OriginSource}s found out about the code recording an event: one per
 * event, filled in and then read by {@link OriginResolver}.
 */
public final class OriginCollector {

	@Nullable String userId;

	@Nullable String role;

	List<String> roles = List.of();

	@Nullable String ip;

	@Nullable String userAgent;

	@Nullable String requestId;

	@Nullable String correlationId;

	@Nullable String traceId;

	@Nullable String spanId;

	@Nullable String parentSpanId;

	@Nullable Boolean sampled;

	boolean inRequest;

	OriginCollector() {
	}

	/**
	 * Record that the code runs in an HTTP request, and its client.
	 * @param ip the client address
	 * @param userAgent the {@code User-Agent} header
	 */
	public void request(@Nullable String ip, @Nullable String userAgent) {
		this.inRequest = true;
		this.ip = ip;
		this.userAgent = userAgent;
	}

	/**
	 * Record the request's identifiers.
	 * @param requestId the request id
	 * @param correlationId the correlation id the client sent
	 */
	public void requestIds(@Nullable String requestId, @Nullable String correlationId) {
		this.requestId = requestId;
		this.correlationId = correlationId;
	}

	/**
	 * Record the authenticated user.
	 * @param userId the principal's name
	 * @param roles the principal's roles, without the {@code ROLE_} prefix
	 */
	public void user(String userId, List<String> roles) {
		this.userId = userId;
		this.roles = List.copyOf(roles);
		this.role = roles.isEmpty() ? null : roles.get(0);
	}

	/**
	 * Record the current span.
	 * @param traceId the trace id
	 * @param spanId the span id
	 * @param parentSpanId the parent span id
	 * @param sampled whether the span is sampled
	 */
	public void span(String traceId, String spanId, @Nullable String parentSpanId, @Nullable Boolean sampled) {
		this.traceId = traceId;
		this.spanId = spanId;
		this.parentSpanId = parentSpanId;
		this.sampled = sampled;
	}

}
