package dev.eventstarter.context;

import java.util.List;

import dev.eventstarter.OriginCollector;
import dev.eventstarter.OriginSource;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link OriginSource}s found out about the code recording an event: one per
 * event, filled in and then read by {@link OriginResolver}.
 */
final class CollectedOrigin implements OriginCollector {

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

	CollectedOrigin() {
	}

	@Override
	public void request(@Nullable String ip, @Nullable String userAgent) {
		this.inRequest = true;
		this.ip = ip;
		this.userAgent = userAgent;
	}

	@Override
	public void requestIds(@Nullable String requestId, @Nullable String correlationId) {
		this.requestId = requestId;
		this.correlationId = correlationId;
	}

	@Override
	public void user(String userId, List<String> roles) {
		this.userId = userId;
		this.roles = List.copyOf(roles);
		this.role = roles.isEmpty() ? null : roles.get(0);
	}

	@Override
	public void span(String traceId, String spanId, @Nullable String parentSpanId, @Nullable Boolean sampled) {
		this.traceId = traceId;
		this.spanId = spanId;
		this.parentSpanId = parentSpanId;
		this.sampled = sampled;
	}

}
