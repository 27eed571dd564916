/**
 * Delivery of events to subscribers, and its auto-configuration: discovery of
 * {@code @OnEvent} methods, in-process delivery, the dispatcher of durable deliveries
 * with its rounds, retries, leases and stores, and {@code EventBus}. Not API: the types
 * other packages of the starter use (subscribers, their sources, retention tasks) are
 * public for them.
 */
@NullMarked
package dev.eventstarter.dispatch;

import org.jspecify.annotations.NullMarked;
