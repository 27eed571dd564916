package dev.eventstarter;

/**
 * One place the origin of an event is read from. The starter brings sources for the HTTP
 * request, Spring Security and the tracer; declare a bean of this type to add another,
 * such as a message listener's headers. Every source runs for every event, on the thread
 * recording it and inside the user's transaction: it must be quick. One that throws is
 * logged once and skipped.
 */
@FunctionalInterface
public interface OriginSource {

	/**
	 * Add what this source knows about the running code.
	 * @param origin collects the values
	 */
	void collect(OriginCollector origin);

}
