/**
 * Routes that send events to Kafka topics, and reading a received record back as an
 * event.
 */
@NullMarked
package dev.eventstarter.kafka;

import org.jspecify.annotations.NullMarked;
