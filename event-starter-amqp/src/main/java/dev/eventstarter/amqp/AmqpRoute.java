package dev.eventstarter.amqp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.eventstarter.Backoff;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A route from events to a RabbitMQ exchange: which events, to which exchange, with which
 * routing key. Each route is a durable subscriber {@code amqp:<name>} whose deliveries
 * are retried, kept when dead and shown by the actuator like any other, and whose events
 * of one resource reach a queue in the order they were written.
 *
 * <pre class="code">
 * AmqpRoute.builder("orders")
 *     .events("orders.*")
 *     .exchange("orders")
 *     .routingKey((event) -&gt; event.eventType() + "." + event.resourceId())
 *     .maxAttempts(20)
 *     .build();
 * </pre>
 *
 * Instances are immutable.
 */
public final class AmqpRoute {

	private static final String NAME_RULE = "1 to 64 letters, digits, '_', '.' or '-'";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	// the longest exchange name or routing key AMQP carries, in UTF-8 bytes
	private static final int MAX_SHORT_STRING = 255;

	private final String name;

	private final List<String> events;

	private final Function<Event, String> exchange;

	private final Function<Event, String> routingKey;

	private final @Nullable Integer maxAttempts;

	private final @Nullable Backoff backoff;

	private AmqpRoute(Builder builder, Function<Event, String> exchange) {
		this.name = builder.name;
		this.events = builder.events;
		this.exchange = exchange;
		this.routingKey = builder.routingKey;
		this.maxAttempts = builder.maxAttempts;
		this.backoff = builder.backoff;
	}

	/**
	 * Start a route.
	 * @param name its name, 1 to 64 letters, digits, '_', '.' or '-': its deliveries are
	 * recorded for the subscriber {@code amqp:<name>}, so keep it once events have been
	 * routed
	 * @return a builder
	 * @throws IllegalArgumentException when the name breaks the rule
	 */
	public static Builder builder(String name) {
		Assert.isTrue(name != null && NAME.matcher(name).matches(), () -> "AmqpRoute name must be " + NAME_RULE
				+ ", but was " + ((name != null) ? "'" + name + "'" : "null"));
		return new Builder(name);
	}

	public String name() {
		return this.name;
	}

	/**
	 * The type patterns of the events it routes.
	 * @return the patterns, at least one
	 */
	public List<String> events() {
		return this.events;
	}

	/**
	 * The exchange an event is published to.
	 * @param event the event
	 * @return the exchange name
	 */
	public String exchange(Event event) {
		return this.exchange.apply(event);
	}

	/**
	 * The routing key an event is published with.
	 * @param event the event
	 * @return the routing key, by default the event type
	 */
	public String routingKey(Event event) {
		return this.routingKey.apply(event);
	}

	/**
	 * Its attempts before a delivery is dead.
	 * @return the attempts, or {@code null} for {@code events.delivery.max-attempts}
	 */
	public @Nullable Integer maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * How the delay between its attempts grows.
	 * @return the backoff, or {@code null} for {@code events.delivery.backoff}
	 */
	public @Nullable Backoff backoff() {
		return this.backoff;
	}

	/**
	 * The id of the durable subscriber its deliveries are recorded for.
	 * @return {@code amqp:<name>}
	 */
	public String subscriberId() {
		return "amqp:" + this.name;
	}

	private static boolean fitsShortString(String value) {
		return value.getBytes(StandardCharsets.UTF_8).length <= MAX_SHORT_STRING;
	}

	@Override
	public String toString() {
		return "AmqpRoute[" + this.name + " " + this.events + "]";
	}

	/**
	 * Builds an {@link AmqpRoute}; {@link #build()} checks it.
	 */
	public static final class Builder {

		private final String name;

		private List<String> events = List.of();

		private @Nullable Function<Event, String> exchange;

		private Function<Event, String> routingKey = Event::eventType;

		private @Nullable Integer maxAttempts;

		private @Nullable Backoff backoff;

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * The type patterns of the events to route; {@code *} matches any run of
		 * characters, dots included.
		 * @param patterns the patterns, such as {@code posts.*}
		 * @return this builder
		 */
		public Builder events(String... patterns) {
			return events(Arrays.asList(patterns));
		}

		/**
		 * The type patterns of the events to route.
		 * @param patterns the patterns, such as {@code posts.*}
		 * @return this builder
		 */
		public Builder events(List<String> patterns) {
			for (String pattern : patterns) {
				Assert.isTrue(EventTypes.isValidPattern(pattern), () -> describe() + "events: '" + pattern
						+ "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
			}
			this.events = List.copyOf(patterns);
			return this;
		}

		/**
		 * The exchange every event of the route is published to.
		 * @param exchange the exchange name
		 * @return this builder
		 */
		public Builder exchange(String exchange) {
			Assert.isTrue(exchange != null && !exchange.isBlank() && fitsShortString(exchange),
					() -> describe() + "exchange must be 1 to 255 bytes, but was "
							+ ((exchange != null) ? "'" + exchange + "'" : "null"));
			return exchange((event) -> exchange);
		}

		/**
		 * Choose the exchange per event. What the function throws fails the delivery of
		 * that event, which is retried.
		 * @param exchange the exchange name of an event
		 * @return this builder
		 */
		public Builder exchange(Function<Event, String> exchange) {
			Assert.notNull(exchange, () -> describe() + "exchange must not be null");
			this.exchange = exchange;
			return this;
		}

		/**
		 * The routing key every event of the route is published with, instead of its
		 * type.
		 * @param routingKey the routing key, possibly empty
		 * @return this builder
		 */
		public Builder routingKey(String routingKey) {
			Assert.isTrue(routingKey != null && fitsShortString(routingKey),
					() -> describe() + "routing key must be at most 255 bytes, but was "
							+ ((routingKey != null) ? "'" + routingKey + "'" : "null"));
			return routingKey((event) -> routingKey);
		}

		/**
		 * Choose the routing key per event; by default it is the event type.
		 * @param routingKey the routing key of an event
		 * @return this builder
		 */
		public Builder routingKey(Function<Event, String> routingKey) {
			Assert.notNull(routingKey, () -> describe() + "routing key must not be null");
			this.routingKey = routingKey;
			return this;
		}

		/**
		 * Attempts before a delivery is dead, instead of
		 * {@code events.delivery.max-attempts}.
		 * @param maxAttempts from 1 to {@value EmitOptions#MAX_ATTEMPTS}
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1 && maxAttempts <= EmitOptions.MAX_ATTEMPTS, () -> describe()
					+ "maxAttempts must be from 1 to " + EmitOptions.MAX_ATTEMPTS + ", but was " + maxAttempts);
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * How the delay between attempts grows, instead of
		 * {@code events.delivery.backoff}.
		 * @param backoff the backoff
		 * @return this builder
		 */
		public Builder backoff(Backoff backoff) {
			this.backoff = Objects.requireNonNull(backoff, () -> describe() + "backoff must not be null");
			return this;
		}

		/**
		 * Check the route and build it.
		 * @return the route
		 * @throws IllegalStateException when it has no events or no exchange
		 */
		public AmqpRoute build() {
			Assert.state(!this.events.isEmpty(),
					() -> describe() + "events must name at least one type pattern, such as 'orders.*'");
			Function<Event, String> exchange = this.exchange;
			Assert.state(exchange != null, () -> describe() + "exchange is missing: name the exchange events go to");
			return new AmqpRoute(this, exchange);
		}

		private String describe() {
			return "AmqpRoute '" + this.name + "': ";
		}

	}

}
