package dev.eventstarter.dispatch.instances;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One instance of a multi-instance deployment: a durable subscriber counting, across
 * every instance in this JVM, how often each event arrived and where.
 */
@SpringBootApplication
public class InstanceApplication {

	static final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> deliveriesByInstance = new ConcurrentHashMap<>();

	static final Map<String, List<Long>> orderedByAccount = new ConcurrentHashMap<>();

	@Bean
	Recorder recorder(@Value("${instance.name}") String instance) {
		return new Recorder(instance);
	}

	static class Recorder {

		private final String instance;

		Recorder(String instance) {
			this.instance = instance;
		}

		@OnEvent(value = "accounts.updated", id = "accounts-in-order", ordered = true)
		void inOrder(Event event) {
			orderedByAccount.computeIfAbsent(event.resourceId(), (account) -> new CopyOnWriteArrayList<>())
				.add(event.id());
			deliveriesByInstance.computeIfAbsent(this.instance, (name) -> new AtomicInteger()).incrementAndGet();
		}

		@OnEvent("load.*")
		void received(Event event) {
			deliveries.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet();
			deliveriesByInstance.computeIfAbsent(this.instance, (name) -> new AtomicInteger()).incrementAndGet();
		}

	}

}
