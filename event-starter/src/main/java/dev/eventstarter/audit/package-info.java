/**
 * The audit-log subscriber, which writes one row and one log line per event.
 */
@NullMarked
package dev.eventstarter.audit;

import org.jspecify.annotations.NullMarked;
