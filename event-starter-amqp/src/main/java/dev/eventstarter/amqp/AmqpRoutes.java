package dev.eventstarter.amqp;

import java.util.List;

/**
 * The RabbitMQ routes of the application. Without a bean of this type, the routes are
 * those of {@code events.amqp.routes[n]}; define one to choose exchanges and routing keys
 * in code, where it replaces the configured routes:
 *
 * <pre class="code">
 * &#64;Bean
 * AmqpRoutes amqpRoutes() {
 *     return () -&gt; List.of(AmqpRoute.builder("orders")
 *         .events("orders.*")
 *         .exchange((event) -&gt; (event.tenant() != null) ? "orders." + event.tenant() : "orders")
 *         .build());
 * }
 * </pre>
 *
 * Each route is a durable subscriber {@code amqp:<name>}.
 */
@FunctionalInterface
public interface AmqpRoutes {

	/**
	 * The routes, read once at startup.
	 * @return the routes, each with a name of its own
	 */
	List<AmqpRoute> routes();

}
