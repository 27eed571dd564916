/**
 * Erasure of what the event record holds about a subject:
 * {@link dev.eventstarter.EventErasure} over JDBC, its statements per database, and its
 * auto-configuration.
 */
@NullMarked
package dev.eventstarter.erasure;

import org.jspecify.annotations.NullMarked;
