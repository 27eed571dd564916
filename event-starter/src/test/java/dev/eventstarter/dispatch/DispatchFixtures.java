package dev.eventstarter.dispatch;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.dispatch.Subscriber.MethodTarget;
import dev.eventstarter.store.PendingEvent;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ReflectionUtils;

/**
 * Events and subscribers built in memory, for the dispatcher's unit tests.
 */
final class DispatchFixtures {

	private static final JsonMapper json = JsonMapper.shared();

	private DispatchFixtures() {
	}

	static StoredEvent event(long id, @Nullable String resourceName, @Nullable String resourceId, int priority) {
		String type = (resourceName != null) ? resourceName + ".updated" : "custom.happened";
		PendingEvent row = new PendingEvent(UUID.randomUUID(), type, resourceName, resourceId, Instant.EPOCH,
				Instant.EPOCH, priority, null, null, "{}", null, null, UUID.randomUUID(), null);
		return new StoredEvent(id, row, null, json);
	}

	static StoredEvent event(long id, String resourceName, String resourceId) {
		return event(id, resourceName, resourceId, 5);
	}

	static Subscribers subscribers(Subscriber... subscribers) {
		SubscriberSource source = () -> List.of(subscribers);
		Subscribers registry = new Subscribers(() -> Stream.of(source));
		registry.afterSingletonsInstantiated();
		return registry;
	}

	/**
	 * A subscriber recording what it receives, failing on the event ids given.
	 */
	static final class Recorder {

		final List<Long> received = new CopyOnWriteArrayList<>();

		final Set<Long> failOn = java.util.concurrent.ConcurrentHashMap.newKeySet();

		final List<List<Long>> calls = new CopyOnWriteArrayList<>();

		void receive(Event event) {
			if (this.failOn.contains(event.id())) {
				throw new IllegalStateException("fails on " + event.id());
			}
			this.received.add(event.id());
		}

		Subscriber durable(String id) {
			return Subscriber.durable(id, List.of("*"), null, null, this::receive);
		}

		Subscriber ordered(String id) {
			Method method = ReflectionUtils.findMethod(Recorder.class, "receive", Event.class);
			return Subscriber.method(id, List.of("*"), Delivery.DURABLE, null, null, true, Set.of(), method,
					() -> new MethodTarget(this, method));
		}

		Subscriber batch(String id) {
			return Subscriber.durableBatch(id, List.of("*"), (events) -> events.forEach(this::receive));
		}

		/**
		 * A broker route's kind of subscriber: each call is recorded as one list of ids,
		 * and only the events it fails on fail.
		 */
		Subscriber sender(String id, boolean ordered) {
			return Subscriber.durableSender(id, List.of("*"), null, null, ordered, (events) -> {
				this.calls.add(events.stream().map(Event::id).toList());
				Map<UUID, Exception> failures = new java.util.HashMap<>();
				for (Event event : events) {
					if (this.failOn.contains(event.id())) {
						failures.put(event.eventId(), new IllegalStateException("refused " + event.id()));
					}
					else {
						this.received.add(event.id());
					}
				}
				return failures;
			});
		}

	}

	static Map<Long, Integer> noDeliveries() {
		return Map.of();
	}

}
