package dev.eventstarter.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.eventstarter.store.PendingEvent;
import dev.eventstarter.store.TransactionEventsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts committed events in the {@value #NAME} counter, tagged with the event
 * {@code type} (bounded: past {@value #TYPE_LIMIT} distinct types, {@code other}). Events
 * of a transaction that rolled back are not counted.
 */
public final class EmittedEventsCounter implements TransactionEventsListener {

	/**
	 * The counter's name.
	 */
	public static final String NAME = "events.emitted";

	static final int TYPE_LIMIT = 200;

	private final Supplier<@Nullable MeterRegistry> registry;

	private final BoundedTagValues types = new BoundedTagValues(TYPE_LIMIT);

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Create a counter.
	 * @param registry supplies the meter registry, or {@code null} for none
	 */
	public EmittedEventsCounter(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void afterCommit(List<PendingEvent> events) {
		MeterRegistry registry = this.registry.get();
		if (registry == null) {
			return;
		}
		for (PendingEvent event : events) {
			this.counters
				.computeIfAbsent(this.types.of(event.eventType()),
						(type) -> Counter.builder(NAME)
							.description("Events committed to the event table")
							.tag("type", type)
							.register(registry))
				.increment();
		}
	}

}
