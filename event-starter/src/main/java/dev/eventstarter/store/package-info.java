/**
 * The event record: writing events with the transaction that caused them, and reading
 * them back.
 */
@NullMarked
package dev.eventstarter.store;

import org.jspecify.annotations.NullMarked;
