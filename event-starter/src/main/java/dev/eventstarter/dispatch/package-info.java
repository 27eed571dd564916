/**
 * Delivery of events to subscribers: discovery of {@code @OnEvent} methods, the
 * dispatcher of durable deliveries with its retries and leases, and in-process delivery.
 */
@NullMarked
package dev.eventstarter.dispatch;

import org.jspecify.annotations.NullMarked;
