package dev.eventstarter.store;

/**
 * Hears that the relay of the WAL store mode committed new rows to {@code _events}: in
 * that mode events become readable then, not when their transaction commits.
 */
@FunctionalInterface
public interface RelayedEventsListener {

	/**
	 * Called on the relay's thread after it committed rows; must return quickly.
	 * @param count how many events it added
	 */
	void relayed(int count);

}
