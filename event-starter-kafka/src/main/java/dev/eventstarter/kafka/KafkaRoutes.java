package dev.eventstarter.kafka;

import java.util.List;

/**
 * The Kafka routes of the application. One is built from {@code events.kafka.routes[n]};
 * define a bean of this type to route what properties cannot express, such as a topic per
 * tenant, and it replaces them:
 *
 * <pre class="code">
 * &#64;Bean
 * KafkaRoutes kafkaRoutes() {
 *     return () -&gt; List.of(KafkaRoute.builder("orders")
 *         .events("orders.*")
 *         .topic((event) -&gt; "orders." + event.tenant())
 *         .build());
 * }
 * </pre>
 *
 * The routes are read once, when the subscribers are collected after every singleton
 * exists.
 */
@FunctionalInterface
public interface KafkaRoutes {

	/**
	 * The routes, each becoming the durable subscriber {@code kafka:<name>}.
	 * @return the routes, each with a name no other has
	 */
	List<KafkaRoute> routes();

}
