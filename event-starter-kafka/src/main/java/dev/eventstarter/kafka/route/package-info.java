/**
 * Kafka routes from configuration, their producer and their sending; not API.
 */
@NullMarked
package dev.eventstarter.kafka.route;

import org.jspecify.annotations.NullMarked;
