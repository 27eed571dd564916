/**
 * Micrometer observations and metrics: deliveries that continue the trace of the emitting
 * span, and a counter of committed events. Not API.
 */
@NullMarked
package dev.eventstarter.tracing;

import org.jspecify.annotations.NullMarked;
