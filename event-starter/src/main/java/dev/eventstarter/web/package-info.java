/**
 * The live event stream over server-sent events, and its auto-configuration. Not API.
 */
@NullMarked
package dev.eventstarter.web;

import org.jspecify.annotations.NullMarked;
