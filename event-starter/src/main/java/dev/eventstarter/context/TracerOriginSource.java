package dev.eventstarter.context;

import java.util.function.Supplier;

import dev.eventstarter.OriginCollector;
import dev.eventstarter.OriginSource;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the current span from Micrometer Tracing.
 */
final class TracerOriginSource implements OriginSource {

	private final Supplier<@Nullable Tracer> tracer;

	/**
	 * Create a source.
	 * @param tracer supplies the tracer, or {@code null} when the application has none
	 */
	TracerOriginSource(Supplier<@Nullable Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public void collect(OriginCollector origin) {
		Tracer tracer = this.tracer.get();
		Span span = (tracer != null) ? tracer.currentSpan() : null;
		if (span == null || span.isNoop()) {
			return;
		}
		TraceContext context = span.context();
		String traceId = context.traceId();
		String spanId = context.spanId();
		if (isValid(traceId) && isValid(spanId)) {
			String parentId = context.parentId();
			origin.span(traceId, spanId, isValid(parentId) ? parentId : null, context.sampled());
		}
	}

	private static boolean isValid(@Nullable String id) {
		if (id == null || id.isEmpty()) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			if (id.charAt(i) != '0') {
				return true;
			}
		}
		return false;
	}

}
