/**
 * Capture of JPA entity changes by Hibernate event listeners.
 */
@NullMarked
package dev.eventstarter.capture;

import org.jspecify.annotations.NullMarked;
