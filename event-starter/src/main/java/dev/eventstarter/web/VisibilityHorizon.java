package dev.eventstarter.web;

import java.util.OptionalLong;

/**
 * Tells up to which {@code _events.id} every row is settled: committed, or rolled back
 * and never to appear. Identity values are handed out at insert, not at commit, so a
 * transaction holding id 41 may commit after one holding id 42; a stream that sent 42
 * before 41 committed, then resumed "after 42", would skip 41 for good. Streaming only up
 * to a settled horizon closes that gap.
 */
public interface VisibilityHorizon {

	/**
	 * Make progress; called every cycle of the stream hub, on its thread.
	 * @return a new settled horizon, or empty when none was established this time
	 */
	OptionalLong advance();

}
