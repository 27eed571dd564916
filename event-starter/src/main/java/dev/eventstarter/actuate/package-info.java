/**
 * Operator view of the backlog: the {@code events} actuator endpoint, its health
 * indicator and its gauges.
 */
@NullMarked
package dev.eventstarter.actuate;

import org.jspecify.annotations.NullMarked;
