/**
 * Delivery of events to configured webhooks, signed per Standard Webhooks.
 */
@NullMarked
package dev.eventstarter.webhook;

import org.jspecify.annotations.NullMarked;
