package dev.eventstarter.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.EventContext;
import dev.eventstarter.TraceContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs one delivery of an event to a subscriber the way the event was emitted: inside an
 * {@link Observation} whose span continues the stored trace (a child of the span that
 * emitted the event, on whichever instance and after however many retries), with the
 * event's tenant and correlation id current in the {@link EventContext}.
 *
 * <p>
 * The observation is named {@value #NAME}, which Micrometer turns into a timer of that
 * name; its spans are named {@value #SPAN_NAME}. Its low-cardinality keys are
 * {@code subscriber}, {@code event.type} (bounded: past {@value #TYPE_LIMIT} distinct
 * types, {@code other}), {@code delivery} ({@code durable} or {@code after_commit}) and
 * {@code outcome} ({@code success} or {@code failure}); the event id is a
 * high-cardinality key, on spans only.
 */
public final class DeliveryObservation {

	/**
	 * The observation's name, and so the timer's.
	 */
	public static final String NAME = "events.deliveries";

	/**
	 * The name of a delivery's span.
	 */
	public static final String SPAN_NAME = "events.delivery";

	static final int TYPE_LIMIT = 200;

	private static final String TRACEPARENT = "traceparent";

	private final Supplier<ObservationRegistry> registry;

	private final BoundedTagValues eventTypes = new BoundedTagValues(TYPE_LIMIT);

	/**
	 * Create a delivery observation.
	 * @param registry supplies the observation registry, asked on every delivery
	 */
	public DeliveryObservation(Supplier<ObservationRegistry> registry) {
		this.registry = registry;
	}

	/**
	 * Deliveries that are not observed, only run in the event's context.
	 * @return the observation
	 */
	public static DeliveryObservation none() {
		return new DeliveryObservation(() -> ObservationRegistry.NOOP);
	}

	/**
	 * Run a delivery.
	 * @param subscriberId the subscriber's id
	 * @param delivery how the subscriber takes its events
	 * @param event the event
	 * @param handler the delivery itself
	 * @throws Exception what the handler throws
	 */
	public void observe(String subscriberId, Delivery delivery, Event event, EventContext.Action<Exception> handler)
			throws Exception {
		ObservationRegistry registry = this.registry.get();
		if (registry.isNoop()) {
			inEventContext(event, handler);
			return;
		}
		Observation observation = start(registry, subscriberId, delivery, event);
		Throwable failure = null;
		try (Observation.Scope scope = observation.openScope()) {
			inEventContext(event, handler);
		}
		catch (Throwable ex) {
			failure = ex;
			throw ex;
		}
		finally {
			stop(observation, failure);
		}
	}

	/**
	 * Start the observations of deliveries that a batch makes together, such as the sends
	 * of a broker route: one per event, each continuing the event's trace and lasting
	 * until the batch learnt how that event went.
	 * @param subscriberId the subscriber's id
	 * @param events the events of the batch
	 * @return the started observations, to stop once the batch returned
	 */
	public Batch startAll(String subscriberId, List<? extends Event> events) {
		ObservationRegistry registry = this.registry.get();
		if (registry.isNoop()) {
			return (event, failure) -> {
			};
		}
		Map<UUID, Observation> started = new HashMap<>();
		for (Event event : events) {
			started.put(event.eventId(), start(registry, subscriberId, Delivery.DURABLE, event));
		}
		return (event, failure) -> {
			Observation observation = started.remove(event.eventId());
			if (observation != null) {
				stop(observation, failure);
			}
		};
	}

	private Observation start(ObservationRegistry registry, String subscriberId, Delivery delivery, Event event) {
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get, Kind.CONSUMER);
		context.setCarrier(carrier(event.traceContext()));
		return Observation.createNotStarted(NAME, () -> context, registry)
			.contextualName(SPAN_NAME)
			.lowCardinalityKeyValue("subscriber", subscriberId)
			.lowCardinalityKeyValue("event.type", this.eventTypes.of(event.eventType()))
			.lowCardinalityKeyValue("delivery", delivery.name().toLowerCase(Locale.ROOT))
			.highCardinalityKeyValue("event.id", event.eventId().toString())
			.start();
	}

	private static void stop(Observation observation, @Nullable Throwable failure) {
		if (failure == null) {
			observation.lowCardinalityKeyValue("outcome", "success");
		}
		else {
			observation.lowCardinalityKeyValue("outcome", "failure");
			observation.error(failure);
		}
		observation.stop();
	}

	private static Map<String, String> carrier(@Nullable TraceContext trace) {
		String traceparent = (trace != null) ? trace.traceparent() : null;
		return (traceparent != null) ? Map.of(TRACEPARENT, traceparent) : Map.of();
	}

	/**
	 * The observations of a batch's deliveries, each stopped once.
	 */
	@FunctionalInterface
	public interface Batch {

		/**
		 * Stop the observation of one event's delivery.
		 * @param event the event
		 * @param failure what it failed with, {@code null} when it arrived
		 */
		void stop(Event event, @Nullable Throwable failure);

	}

	private static void inEventContext(Event event, EventContext.Action<Exception> handler) throws Exception {
		EventContext.Builder context = EventContext.with();
		if (event.tenant() != null) {
			context.tenant(event.tenant());
		}
		TraceContext trace = event.traceContext();
		if (trace != null && trace.correlationId() != null) {
			context.correlationId(trace.correlationId());
		}
		context.run(handler);
	}

}
