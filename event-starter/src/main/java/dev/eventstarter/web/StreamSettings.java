package dev.eventstarter.web;

import java.time.Duration;

/**
 * How the streams run.
 *
 * @param pollInterval how often the table is read when nothing wakes the hub
 * @param heartbeat how often a comment keeps idle streams open
 * @param maxStreams the most streams open at once
 * @param bufferSize the most frames queued for one client
 * @param timeout how long one response lasts before the client reconnects
 * @param stallTimeout how long a client with a full buffer may read nothing before it is
 * disconnected
 */
record StreamSettings(Duration pollInterval, Duration heartbeat, int maxStreams, int bufferSize, Duration timeout,
		Duration stallTimeout) {

}
