/**
 * The operator console: a page and a small JSON API over the event tables, and its
 * auto-configuration. Not API.
 */
@NullMarked
package dev.eventstarter.console;

import org.jspecify.annotations.NullMarked;
