package dev.eventstarter.kafka.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.eventstarter.Backoff;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.kafka.KafkaRoute;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.lang.Contract;

/**
 * Configuration properties of Kafka routes, checked once bound, where a wrong value fails
 * startup naming its property.
 */
@ConfigurationProperties("events.kafka")
public class KafkaRouteProperties implements InitializingBean {

	/**
	 * Routes of events to Kafka topics, each a durable subscriber 'kafka:<name>': name,
	 * events, topic, key, value, max-attempts, backoff.
	 */
	private final List<Route> routes = new ArrayList<>();

	private List<KafkaRoute> checked = List.of();

	public List<Route> getRoutes() {
		return this.routes;
	}

	@Override
	public void afterPropertiesSet() {
		List<KafkaRoute> checked = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < this.routes.size(); i++) {
			String property = "events.kafka.routes[" + i + "]";
			KafkaRoute route = this.routes.get(i).toRoute(property);
			check(names.add(route.name()), property + ".name '" + route.name()
					+ "' is the name of an earlier Kafka route too; give each route its own name");
			checked.add(route);
		}
		this.checked = List.copyOf(checked);
	}

	/**
	 * The routes, checked.
	 */
	List<KafkaRoute> checked() {
		return this.checked;
	}

	@Contract("false, _ -> fail")
	private static void check(boolean valid, String message) {
		if (!valid) {
			throw new IllegalStateException(message);
		}
	}

	/**
	 * A route of events to a Kafka topic.
	 */
	public static class Route {

		/**
		 * Name of the route, 1 to 64 letters, digits, '_', '.' or '-'; its deliveries are
		 * recorded for the subscriber 'kafka:<name>'.
		 */
		private @Nullable String name;

		/**
		 * Type patterns of the events to send; '*' matches any run of characters.
		 */
		private List<String> events = new ArrayList<>();

		/**
		 * Kafka topic the events go to.
		 */
		private @Nullable String topic;

		/**
		 * Record key: the resource id (the event id for events without a resource), which
		 * keeps each resource's events in order on one partition; the event id; or none.
		 */
		private KafkaRoute.Key key = KafkaRoute.Key.RESOURCE_ID;

		/**
		 * Record value: the event JSON document, or the event's data alone with the
		 * envelope in headers.
		 */
		private KafkaRoute.Value value = KafkaRoute.Value.EVENT;

		/**
		 * Attempts before a delivery is dead; events.delivery.max-attempts when not set.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Backoff between attempts; events.delivery.backoff when not set.
		 */
		private @Nullable Backoff backoff;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public KafkaRoute.Key getKey() {
			return this.key;
		}

		public void setKey(KafkaRoute.Key key) {
			this.key = key;
		}

		public KafkaRoute.Value getValue() {
			return this.value;
		}

		public void setValue(KafkaRoute.Value value) {
			this.value = value;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Backoff getBackoff() {
			return this.backoff;
		}

		public void setBackoff(@Nullable Backoff backoff) {
			this.backoff = backoff;
		}

		/**
		 * Check the values and build the route.
		 * @param property the property prefix, such as {@code events.kafka.routes[0]}, to
		 * name in messages
		 */
		KafkaRoute toRoute(String property) {
			String name = this.name;
			check(name != null && KafkaRoute.isValidName(name), property + ".name must be " + KafkaRoute.NAME_RULE
					+ ", but was " + ((name != null) ? "'" + name + "'" : "missing"));
			check(!this.events.isEmpty(), property + ".events must name at least one type pattern, such as 'orders.*'");
			for (String pattern : this.events) {
				check(EventTypes.isValidPattern(pattern), property + ".events: '" + pattern
						+ "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
			}
			String topic = this.topic;
			check(topic != null && !topic.isBlank(),
					property + ".topic is missing; set the Kafka topic the route sends to, such as 'orders'");
			check(KafkaRoute.isValidTopic(topic),
					property + ".topic '" + topic + "' is not a valid Kafka topic name: " + KafkaRoute.TOPIC_RULE);
			Integer maxAttempts = this.maxAttempts;
			check(maxAttempts == null || (maxAttempts >= 1 && maxAttempts <= EmitOptions.MAX_ATTEMPTS), property
					+ ".max-attempts must be from 1 to " + EmitOptions.MAX_ATTEMPTS + ", but was " + maxAttempts);
			KafkaRoute.Builder route = KafkaRoute.builder(name)
				.events(this.events)
				.topic(topic)
				.key(this.key)
				.value(this.value);
			if (maxAttempts != null) {
				route.maxAttempts(maxAttempts);
			}
			if (this.backoff != null) {
				route.backoff(this.backoff);
			}
			return route.build();
		}

		@Override
		public String toString() {
			return "Route[" + this.name + "]";
		}

	}

}
