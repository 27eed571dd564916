package dev.eventstarter.context.originapp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.EventContext;
import dev.eventstarter.OnEvent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.stereotype.Component;

/**
 * Records, for every delivery, what was current while the subscriber ran: the span and
 * the {@link EventContext}.
 */
@Component
public class DeliveryRecorder {

	private final Tracer tracer;

	private final Map<UUID, Seen> durable = new ConcurrentHashMap<>();

	private final Map<UUID, Seen> afterCommit = new ConcurrentHashMap<>();

	private final Set<UUID> failedOnce = ConcurrentHashMap.newKeySet();

	DeliveryRecorder(Tracer tracer) {
		this.tracer = tracer;
	}

	@OnEvent("notes.*")
	void durable(Event event) {
		this.durable.put(event.eventId(), seen(event));
	}

	@OnEvent(value = "notes.*", delivery = Delivery.AFTER_COMMIT)
	void afterCommit(Event event) {
		this.afterCommit.put(event.eventId(), seen(event));
	}

	/**
	 * Fails the first attempt of every event, so that its retry can be traced.
	 * @param event the event
	 */
	@OnEvent(value = "notes.pinged", id = "flaky")
	void flaky(Event event) {
		if (this.failedOnce.add(event.eventId())) {
			throw new IllegalStateException("first attempt fails");
		}
	}

	public Seen durable(UUID eventId) {
		return this.durable.get(eventId);
	}

	public Seen afterCommit(UUID eventId) {
		return this.afterCommit.get(eventId);
	}

	private Seen seen(Event event) {
		Span span = this.tracer.currentSpan();
		EventContext context = EventContext.current();
		return new Seen(event, (span != null) ? span.context().traceId() : null,
				(span != null) ? span.context().spanId() : null, (span != null) ? span.context().parentId() : null,
				(context != null) ? context.tenant() : null, (context != null) ? context.correlationId() : null);
	}

	public record Seen(Event event, String traceId, String spanId, String parentSpanId, String tenant,
			String correlationId) {
	}

}
