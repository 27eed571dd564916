/**
 * The event record: writing events with the transaction that caused them, reading them
 * back, and the settled horizon of their ids; one implementation of each store per
 * database. Not API: public for the other packages of the starter.
 */
@NullMarked
package dev.eventstarter.store;

import org.jspecify.annotations.NullMarked;
