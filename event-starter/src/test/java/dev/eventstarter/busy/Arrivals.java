package dev.eventstarter.busy;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

/**
 * Two durable subscribers to every event, one ordered, recording what reached them and
 * when.
 */
public class Arrivals {

	static final String ORDERED = "ordered";

	static final String UNORDERED = "unordered";

	private final Map<String, Queue<Arrival>> arrivals = new ConcurrentHashMap<>();

	private final Map<String, Map<UUID, Long>> times = new ConcurrentHashMap<>();

	@OnEvent(value = "*", ordered = true, id = ORDERED)
	void ordered(Event event) {
		record(ORDERED, event);
	}

	@OnEvent(value = "*", id = UNORDERED)
	void unordered(Event event) {
		record(UNORDERED, event);
	}

	private void record(String subscriber, Event event) {
		this.arrivals.computeIfAbsent(subscriber, (key) -> new ConcurrentLinkedQueue<>())
			.add(new Arrival(event, System.nanoTime()));
		this.times.computeIfAbsent(subscriber, (key) -> new ConcurrentHashMap<>())
			.putIfAbsent(event.eventId(), System.nanoTime());
	}

	/**
	 * What reached a subscriber of one resource, in arrival order.
	 */
	List<Arrival> of(String subscriber, String resourceName) {
		return this.arrivals.getOrDefault(subscriber, new ConcurrentLinkedQueue<>())
			.stream()
			.filter((arrival) -> resourceName.equals(arrival.event().resourceName()))
			.toList();
	}

	List<UUID> eventIds(String subscriber, String resourceName) {
		return of(subscriber, resourceName).stream().map((arrival) -> arrival.event().eventId()).toList();
	}

	/**
	 * When an event reached a subscriber.
	 * @return the {@link System#nanoTime()} of its arrival, or {@code null}
	 */
	Long arrivedAt(String subscriber, UUID eventId) {
		return this.times.getOrDefault(subscriber, Map.of()).get(eventId);
	}

	record Arrival(Event event, long nanos) {

	}

}
