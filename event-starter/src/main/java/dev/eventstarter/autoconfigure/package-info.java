/**
 * Auto-configuration of event-starter, and its configuration properties.
 */
@NullMarked
package dev.eventstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
