/**
 * Auto-configuration of RabbitMQ routes: each a durable subscriber that publishes a
 * round's events on one channel and waits for the broker's confirmations.
 */
@NullMarked
package dev.eventstarter.amqp.route;

import org.jspecify.annotations.NullMarked;
