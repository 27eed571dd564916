/**
 * Test support for applications that use event-starter: {@link RecordedEvents} and
 * {@link EventAssertions} to assert what a test recorded, {@link SettableClock} to make
 * delays and retries come due without sleeping, {@link EventDeliveries} to see how
 * deliveries went, and {@link EventScenario} to wait for what happens asynchronously.
 * Background dispatch is off in tests that have this module on their class path:
 * {@link dev.eventstarter.EventBus#drain()} delivers, in the test's own thread.
 */
@NullMarked
package dev.eventstarter.test;

import org.jspecify.annotations.NullMarked;
