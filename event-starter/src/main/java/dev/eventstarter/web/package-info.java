/**
 * The live event stream over server-sent events, and the origin read from the current
 * servlet request.
 */
@NullMarked
package dev.eventstarter.web;

import org.jspecify.annotations.NullMarked;
