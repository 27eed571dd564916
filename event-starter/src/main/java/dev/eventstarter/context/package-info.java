/**
 * The origin of an event being recorded: who recorded it, from which request, in which
 * trace and for which tenant, with the sources the starter brings and its
 * auto-configuration. Not API; applications plug in through
 * {@link dev.eventstarter.OriginSource} and the other interfaces of the public package.
 */
@NullMarked
package dev.eventstarter.context;

import org.jspecify.annotations.NullMarked;
