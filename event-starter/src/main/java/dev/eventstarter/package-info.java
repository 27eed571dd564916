/**
 * Public API of event-starter: emitting, reading and subscribing to events.
 */
@NullMarked
package dev.eventstarter;

import org.jspecify.annotations.NullMarked;
