package dev.eventstarter.amqp.route;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.eventstarter.Backoff;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.amqp.AmqpRoute;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.lang.Contract;

/**
 * Configuration properties of the RabbitMQ routes, checked once bound, where a wrong
 * value fails startup naming its property.
 */
@ConfigurationProperties("events.amqp")
public class AmqpProperties implements InitializingBean {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/**
	 * Routes from events to RabbitMQ exchanges, each a durable subscriber 'amqp:<name>':
	 * name, events, exchange, routing-key, max-attempts, backoff.
	 */
	private final List<Route> routes = new ArrayList<>();

	/**
	 * How long a round of sends waits for the broker to confirm its messages before the
	 * unconfirmed ones count as failed and are retried.
	 */
	private Duration confirmTimeout = Duration.ofSeconds(30);

	private List<AmqpRoute> checked = List.of();

	public List<Route> getRoutes() {
		return this.routes;
	}

	public Duration getConfirmTimeout() {
		return this.confirmTimeout;
	}

	public void setConfirmTimeout(Duration confirmTimeout) {
		this.confirmTimeout = confirmTimeout;
	}

	@Override
	public void afterPropertiesSet() {
		check(!this.confirmTimeout.isNegative() && !this.confirmTimeout.isZero(),
				"events.amqp.confirm-timeout must be positive, but was "
						+ DurationStyle.SIMPLE.print(this.confirmTimeout));
		List<AmqpRoute> checked = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < this.routes.size(); i++) {
			String property = "events.amqp.routes[" + i + "]";
			AmqpRoute route = check(property, this.routes.get(i));
			check(names.add(route.name()), property + ".name '" + route.name()
					+ "' is the name of an earlier route too; give each route its own name");
			checked.add(route);
		}
		this.checked = List.copyOf(checked);
	}

	/**
	 * The configured routes, checked.
	 * @return the routes
	 */
	List<AmqpRoute> checked() {
		return this.checked;
	}

	private static AmqpRoute check(String property, Route route) {
		String name = route.getName();
		check(name != null && NAME.matcher(name).matches(),
				property + ".name must be 1 to 64 letters, digits, '_', '.' or '-', but was "
						+ ((name != null) ? "'" + name + "'" : "missing"));
		List<String> events = route.getEvents();
		check(!events.isEmpty(), property + ".events must name at least one type pattern, such as 'orders.*'");
		for (String pattern : events) {
			check(EventTypes.isValidPattern(pattern),
					property + ".events: '" + pattern + "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
		}
		String exchange = route.getExchange();
		check(exchange != null && !exchange.isBlank(),
				property + ".exchange is missing: name the exchange the events are published to");
		check(fitsShortString(exchange), property + ".exchange must be at most 255 bytes long");
		String routingKey = route.getRoutingKey();
		check(routingKey == null || fitsShortString(routingKey),
				property + ".routing-key must be at most 255 bytes long");
		Integer maxAttempts = route.getMaxAttempts();
		check(maxAttempts == null || (maxAttempts >= 1 && maxAttempts <= EmitOptions.MAX_ATTEMPTS),
				property + ".max-attempts must be from 1 to " + EmitOptions.MAX_ATTEMPTS + ", but was " + maxAttempts);
		AmqpRoute.Builder builder = AmqpRoute.builder(name).events(events).exchange(exchange);
		if (routingKey != null) {
			builder.routingKey(routingKey);
		}
		if (maxAttempts != null) {
			builder.maxAttempts(maxAttempts);
		}
		Backoff backoff = route.getBackoff();
		if (backoff != null) {
			builder.backoff(backoff);
		}
		return builder.build();
	}

	private static boolean fitsShortString(String value) {
		return value.getBytes(StandardCharsets.UTF_8).length <= 255;
	}

	@Contract("false, _ -> fail")
	private static void check(boolean valid, String message) {
		if (!valid) {
			throw new IllegalStateException(message);
		}
	}

	/**
	 * A route from events to a RabbitMQ exchange.
	 */
	public static class Route {

		/**
		 * Name of the route, 1 to 64 letters, digits, '_', '.' or '-'; its deliveries are
		 * recorded for the subscriber 'amqp:<name>'.
		 */
		private @Nullable String name;

		/**
		 * Type patterns of the events to publish; '*' matches any run of characters.
		 */
		private List<String> events = new ArrayList<>();

		/**
		 * Exchange the events are published to. It must exist: publishing to a missing
		 * exchange fails the deliveries.
		 */
		private @Nullable String exchange;

		/**
		 * Routing key of every message; the event type when not set.
		 */
		private @Nullable String routingKey;

		/**
		 * Attempts before a delivery is dead; events.delivery.max-attempts when not set.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * How the delay between attempts grows; events.delivery.backoff when not set.
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

		public @Nullable String getExchange() {
			return this.exchange;
		}

		public void setExchange(@Nullable String exchange) {
			this.exchange = exchange;
		}

		public @Nullable String getRoutingKey() {
			return this.routingKey;
		}

		public void setRoutingKey(@Nullable String routingKey) {
			this.routingKey = routingKey;
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

		@Override
		public String toString() {
			return "Route[" + this.name + "]";
		}

	}

}
