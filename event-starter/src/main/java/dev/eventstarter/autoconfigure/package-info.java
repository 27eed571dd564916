/**
 * The core auto-configuration of event-starter (the database of the event tables, their
 * creation, the write path and the event store) and its configuration properties. The
 * other capabilities are auto-configured in their own packages, next to the code they
 * wire. Not API, but for excluding an auto-configuration or naming its properties.
 */
@NullMarked
package dev.eventstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
