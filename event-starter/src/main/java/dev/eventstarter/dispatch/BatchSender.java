package dev.eventstarter.dispatch;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Event;

/**
 * The code of a built-in subscriber that passes the events of a dispatch round on to
 * another system (a broker) all at once, then learns for each one whether it arrived.
 * Unlike a {@link BatchEventHandler}, one event failing does not fail the others.
 */
@FunctionalInterface
public interface BatchSender {

	/**
	 * Send events, then wait until each is confirmed or failed. Events of one resource
	 * come in id order; a sender must not let a later one of them overtake an earlier
	 * one.
	 * @param events the events, at least one
	 * @return the failures by event id; an event that is not in it was confirmed
	 * @throws Exception when none of them could be sent
	 */
	Map<UUID, Exception> send(List<Event> events) throws Exception;

}
