package dev.eventstarter.store;

import java.util.List;

/**
 * Hears about the events of a transaction: each as it is recorded, all of them before
 * they are written, and after the transaction committed or rolled back.
 */
public interface TransactionEventsListener {

	/**
	 * Called as an event joins its transaction, before anything is written. An exception
	 * fails the recording, and with it the application's write.
	 * @param event the event
	 */
	default void recorded(PendingEvent event) {
	}

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

	/**
	 * Called once the transaction rolled back: none of its events was written.
	 * @param events every event the transaction had recorded
	 */
	default void rolledBack(List<PendingEvent> events) {
	}

}
