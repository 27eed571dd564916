/**
 * The origin of an event being recorded: who recorded it, in which trace and for which
 * tenant.
 */
@NullMarked
package dev.eventstarter.context;

import org.jspecify.annotations.NullMarked;
