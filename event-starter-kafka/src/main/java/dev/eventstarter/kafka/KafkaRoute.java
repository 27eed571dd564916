package dev.eventstarter.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.eventstarter.Backoff;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Where a route sends events on Kafka: which events, to which topic, with which record
 * key and value. Each route is a durable subscriber {@code kafka:<name>}, with retries,
 * backoff, dead deliveries and operator retry like any other. Immutable; build one with
 * {@link #builder(String)}:
 *
 * <pre class="code">
 * KafkaRoute.builder("posts")
 *     .events("posts.*", "comments.*")
 *     .topic("blog.posts")
 *     .key(KafkaRoute.Key.RESOURCE_ID)
 *     .value(KafkaRoute.Value.EVENT)
 *     .build();
 * </pre>
 *
 * With the default key, {@link Key#RESOURCE_ID}, the events of one resource reach their
 * partition in {@code _events.id} order: a record that could not be sent holds back the
 * later ones of its resource until it goes through.
 */
public final class KafkaRoute {

	/**
	 * What a route name may be: it is part of the subscriber id.
	 */
	public static final String NAME_RULE = "1 to 64 letters, digits, '_', '.' or '-'";

	/**
	 * What Kafka accepts as a topic name.
	 */
	public static final String TOPIC_RULE = "1 to 249 letters, digits, '.', '_' or '-'";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

	private final String name;

	private final List<String> events;

	private final @Nullable String fixedTopic;

	private final Function<Event, String> topic;

	private final @Nullable Key keyMode;

	private final Function<Event, @Nullable String> key;

	private final Value value;

	private final @Nullable Integer maxAttempts;

	private final @Nullable Backoff backoff;

	private final boolean ordered;

	private KafkaRoute(Builder builder, Function<Event, String> topic, Function<Event, @Nullable String> key) {
		this.name = builder.name;
		this.events = List.copyOf(builder.events);
		this.fixedTopic = builder.fixedTopic;
		this.topic = topic;
		this.keyMode = builder.keyMode;
		this.key = key;
		this.value = builder.value;
		this.maxAttempts = builder.maxAttempts;
		this.backoff = builder.backoff;
		this.ordered = (builder.ordered != null) ? builder.ordered : builder.keyMode == Key.RESOURCE_ID;
	}

	/**
	 * Start building a route.
	 * @param name its name, {@value #NAME_RULE}; its deliveries are recorded for the
	 * subscriber {@code kafka:<name>}
	 * @return the builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Whether a name is a valid route name.
	 * @param name the name
	 * @return whether it is {@value #NAME_RULE}
	 */
	public static boolean isValidName(@Nullable String name) {
		return name != null && NAME.matcher(name).matches();
	}

	/**
	 * Whether a name is a valid Kafka topic name.
	 * @param topic the name
	 * @return whether it is {@value #TOPIC_RULE}, and neither {@code .} nor {@code ..}
	 */
	public static boolean isValidTopic(@Nullable String topic) {
		return topic != null && TOPIC.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..");
	}

	public String name() {
		return this.name;
	}

	/**
	 * The subscriber id its deliveries are recorded for.
	 * @return {@code kafka:<name>}
	 */
	public String subscriberId() {
		return "kafka:" + this.name;
	}

	/**
	 * The type patterns of the events it sends.
	 * @return the patterns
	 */
	public List<String> events() {
		return this.events;
	}

	/**
	 * The topic an event goes to.
	 * @param event the event
	 * @return the topic
	 */
	public String topic(Event event) {
		return this.topic.apply(event);
	}

	/**
	 * The record key of an event.
	 * @param event the event
	 * @return the key, or {@code null} for none
	 */
	public @Nullable String key(Event event) {
		return this.key.apply(event);
	}

	/**
	 * What the record value holds.
	 * @return the value mode
	 */
	public Value value() {
		return this.value;
	}

	/**
	 * Attempts before a delivery is dead.
	 * @return them, or {@code null} for {@code events.delivery.max-attempts}
	 */
	public @Nullable Integer maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * The backoff between attempts.
	 * @return it, or {@code null} for {@code events.delivery.backoff}
	 */
	public @Nullable Backoff backoff() {
		return this.backoff;
	}

	/**
	 * Whether the events of one resource go out in id order, a failed one holding back
	 * the later ones.
	 * @return whether the route is ordered
	 */
	public boolean ordered() {
		return this.ordered;
	}

	@Override
	public String toString() {
		String topic = (this.fixedTopic != null) ? this.fixedTopic : "(topic per event)";
		String key = (this.keyMode != null) ? this.keyMode.name() : "(key per event)";
		return "KafkaRoute[" + this.name + " " + this.events + " -> " + topic + ", key " + key + ", value " + this.value
				+ "]";
	}

	/**
	 * The record key of each event.
	 */
	public enum Key {

		/**
		 * The resource id, or the event id for an event without a resource: the events of
		 * one resource share a partition and arrive in order.
		 */
		RESOURCE_ID,

		/**
		 * The event id: events spread over the partitions, without order.
		 */
		EVENT_ID,

		/**
		 * No key: the producer's partitioner spreads records, without order.
		 */
		NONE;

		@Nullable String of(Event event) {
			return switch (this) {
				case RESOURCE_ID -> (event.resourceId() != null) ? event.resourceId() : event.eventId().toString();
				case EVENT_ID -> event.eventId().toString();
				case NONE -> null;
			};
		}

	}

	/**
	 * What the record value holds.
	 */
	public enum Value {

		/**
		 * The event JSON document, the same that webhooks and the SSE stream carry;
		 * content type {@code application/vnd.eventstarter.event+json}.
		 */
		EVENT,

		/**
		 * The event's {@code data} alone, with the envelope in headers; content type
		 * {@code application/json}.
		 */
		DATA

	}

	/**
	 * Builds a {@link KafkaRoute}, checking it in {@link #build()}.
	 */
	public static final class Builder {

		private final String name;

		private final List<String> events = new ArrayList<>();

		private @Nullable String fixedTopic;

		private @Nullable Function<Event, String> topic;

		private @Nullable Key keyMode = Key.RESOURCE_ID;

		private @Nullable Function<Event, @Nullable String> key;

		private Value value = Value.EVENT;

		private @Nullable Integer maxAttempts;

		private @Nullable Backoff backoff;

		private @Nullable Boolean ordered;

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * The type patterns of the events to send; {@code *} matches any run of
		 * characters, dots included.
		 * @param patterns the patterns, such as {@code posts.*}
		 * @return this builder
		 */
		public Builder events(String... patterns) {
			return events(Arrays.asList(patterns));
		}

		/**
		 * The type patterns of the events to send.
		 * @param patterns the patterns, such as {@code posts.*}
		 * @return this builder
		 */
		public Builder events(Collection<String> patterns) {
			this.events.clear();
			this.events.addAll(patterns);
			return this;
		}

		/**
		 * The topic every event goes to.
		 * @param topic the topic, {@value KafkaRoute#TOPIC_RULE}
		 * @return this builder
		 */
		public Builder topic(String topic) {
			this.fixedTopic = topic;
			this.topic = null;
			return this;
		}

		/**
		 * The topic of each event, chosen when it is sent. A topic Kafka refuses makes
		 * the delivery dead; an exception is retried with backoff.
		 * @param topic gives the topic of an event
		 * @return this builder
		 */
		public Builder topic(Function<Event, String> topic) {
			this.topic = topic;
			this.fixedTopic = null;
			return this;
		}

		/**
		 * The record key of every event; {@link Key#RESOURCE_ID} by default.
		 * @param key the key mode
		 * @return this builder
		 */
		public Builder key(Key key) {
			this.keyMode = key;
			this.key = null;
			return this;
		}

		/**
		 * The record key of each event, chosen when it is sent. The route is then not
		 * ordered unless {@link #ordered(boolean)} says so.
		 * @param key gives the key of an event, {@code null} for none
		 * @return this builder
		 */
		public Builder key(Function<Event, @Nullable String> key) {
			this.key = key;
			this.keyMode = null;
			return this;
		}

		/**
		 * What the record value holds; {@link Value#EVENT} by default.
		 * @param value the value mode
		 * @return this builder
		 */
		public Builder value(Value value) {
			this.value = value;
			return this;
		}

		/**
		 * Attempts before a delivery is dead; {@code events.delivery.max-attempts} by
		 * default.
		 * @param maxAttempts 1 to 1000
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * The backoff between attempts; {@code events.delivery.backoff} by default.
		 * @param backoff the backoff
		 * @return this builder
		 */
		public Builder backoff(Backoff backoff) {
			this.backoff = backoff;
			return this;
		}

		/**
		 * Whether the events of one resource go out in id order, a failed one holding
		 * back the later ones of its resource; by default only with
		 * {@link Key#RESOURCE_ID}. Set it for a key function that keeps each resource on
		 * one partition.
		 * @param ordered whether the route is ordered
		 * @return this builder
		 */
		public Builder ordered(boolean ordered) {
			this.ordered = ordered;
			return this;
		}

		/**
		 * Check the route and build it.
		 * @return the route
		 * @throws IllegalArgumentException saying what to fix
		 */
		public KafkaRoute build() {
			check(isValidName(this.name), "KafkaRoute name must be " + NAME_RULE + ", but was "
					+ ((this.name != null) ? "'" + this.name + "'" : "null"));
			String route = "KafkaRoute '" + this.name + "'";
			check(!this.events.isEmpty(), route + " needs at least one type pattern: events(\"orders.*\")");
			for (String pattern : this.events) {
				check(EventTypes.isValidPattern(pattern),
						route + ": '" + pattern + "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
			}
			String fixedTopic = this.fixedTopic;
			Function<Event, String> topic = this.topic;
			if (topic == null) {
				check(fixedTopic != null, route + " needs a topic: topic(\"orders\") or topic((event) -> ...)");
				check(isValidTopic(fixedTopic),
						route + ": '" + fixedTopic + "' is not a valid Kafka topic name: " + TOPIC_RULE);
				topic = (event) -> fixedTopic;
			}
			check(this.maxAttempts == null || (this.maxAttempts >= 1 && this.maxAttempts <= EmitOptions.MAX_ATTEMPTS),
					route + ": maxAttempts must be from 1 to " + EmitOptions.MAX_ATTEMPTS + ", but was "
							+ this.maxAttempts);
			Function<Event, @Nullable String> key = (this.key != null) ? this.key
					: Objects.requireNonNull(this.keyMode, "key")::of;
			return new KafkaRoute(this, topic, key);
		}

		@Contract("false, _ -> fail")
		private static void check(boolean valid, String message) {
			if (!valid) {
				throw new IllegalArgumentException(message);
			}
		}

	}

}
