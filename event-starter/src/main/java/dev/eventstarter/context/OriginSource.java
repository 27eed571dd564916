package dev.eventstarter.context;

/**
 * One place the origin of an event is read from: the HTTP request, Spring Security or the
 * tracer. Runs on the thread recording the event, inside the user's transaction, so it
 * must be quick and must not throw.
 */
@FunctionalInterface
public interface OriginSource {

	/**
	 * Add what this source knows about the running code.
	 * @param origin collects the values
	 */
	void collect(OriginCollector origin);

}
