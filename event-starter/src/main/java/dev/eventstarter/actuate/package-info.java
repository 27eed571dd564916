/**
 * Operator view of the backlog: the {@code events} actuator endpoint, its health
 * indicator and its gauges; and the operator's erasure, the {@code eventerasure}
 * endpoint.
 */
@NullMarked
package dev.eventstarter.actuate;

import org.jspecify.annotations.NullMarked;
