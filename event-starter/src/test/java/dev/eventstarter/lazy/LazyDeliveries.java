package dev.eventstarter.lazy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Event;

import org.springframework.stereotype.Component;

/**
 * What the lazy subscribers received, by delivery mode.
 */
@Component
public class LazyDeliveries {

	final Map<String, List<Event>> received = new ConcurrentHashMap<>();

	void record(String mode, Event event) {
		this.received.computeIfAbsent(mode, (key) -> new CopyOnWriteArrayList<>()).add(event);
	}

	List<String> types(String mode) {
		return this.received.getOrDefault(mode, List.of()).stream().map(Event::eventType).toList();
	}

}
