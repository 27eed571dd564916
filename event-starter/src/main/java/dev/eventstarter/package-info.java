/**
 * Public API of event-starter: emitting, reading and subscribing to events, and the
 * interfaces applications implement to plug in (origin sources, session variables
 * contributors, tenant resolvers, delivery failures).
 */
@NullMarked
package dev.eventstarter;

import org.jspecify.annotations.NullMarked;
