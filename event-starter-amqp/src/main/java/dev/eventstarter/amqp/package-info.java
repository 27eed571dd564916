/**
 * Routes that send events to RabbitMQ exchanges, and reading them back in another
 * service.
 */
@NullMarked
package dev.eventstarter.amqp;

import org.jspecify.annotations.NullMarked;
