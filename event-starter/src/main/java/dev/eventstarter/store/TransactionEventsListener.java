package dev.eventstarter.store;

import java.util.List;

/**
 * Hears about the events of a transaction: before they are written, and after the
 * transaction committed them.
 */
public interface TransactionEventsListener {

	/**
	 * Called in the transaction, before its events are written, with the events not shown
	 * before. May record further events; an exception rolls the transaction back.
	 * @param events the new events
	 * @return whether application code ran, so that the entity changes it made must be
	 * flushed before writing
	 */
	default boolean beforeWrite(List<PendingEvent> events) {
		return false;
	}

	/**
	 * Called once the transaction committed.
	 * @param events every event the transaction wrote
	 */
	void afterCommit(List<PendingEvent> events);

}
