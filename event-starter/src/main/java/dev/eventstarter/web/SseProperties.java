package dev.eventstarter.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the live Server-Sent Events stream.
 */
@ConfigurationProperties("events.sse")
public class SseProperties {

	/**
	 * Whether to serve the event stream (needs Spring MVC).
	 */
	private boolean enabled;

	/**
	 * Path of the event stream.
	 */
	private String path = "/events/stream";

	/**
	 * How often the event table is read for new events when no local commit wakes the
	 * stream.
	 */
	private Duration pollInterval = Duration.ofMillis(250);

	/**
	 * How often a comment is sent to keep idle streams open through proxies.
	 */
	private Duration heartbeat = Duration.ofSeconds(15);

	/**
	 * Most streams open at once on this instance; more are refused with 503.
	 */
	private int maxStreams = 100;

	/**
	 * Most events queued for one client; past it, the client's events wait in the table
	 * until it reads.
	 */
	private int bufferSize = 1000;

	/**
	 * How long one response lasts before the client reconnects.
	 */
	private Duration timeout = Duration.ofMinutes(30);

	/**
	 * How long a client whose buffer is full may read nothing before it is disconnected.
	 */
	private Duration stallTimeout = Duration.ofSeconds(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		Assert.isTrue(path.startsWith("/"), () -> "events.sse.path must start with '/', but was '" + path + "'");
		this.path = path;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		Assert.isTrue(pollInterval.toMillis() >= 10,
				() -> "events.sse.poll-interval must be at least 10ms, but was " + pollInterval);
		this.pollInterval = pollInterval;
	}

	public Duration getHeartbeat() {
		return this.heartbeat;
	}

	public void setHeartbeat(Duration heartbeat) {
		Assert.isTrue(heartbeat.toMillis() >= 10,
				() -> "events.sse.heartbeat must be at least 10ms, but was " + heartbeat);
		this.heartbeat = heartbeat;
	}

	public int getMaxStreams() {
		return this.maxStreams;
	}

	public void setMaxStreams(int maxStreams) {
		Assert.isTrue(maxStreams >= 1 && maxStreams <= 10_000,
				() -> "events.sse.max-streams must be from 1 to 10000, but was " + maxStreams);
		this.maxStreams = maxStreams;
	}

	public int getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(int bufferSize) {
		Assert.isTrue(bufferSize >= 1 && bufferSize <= 100_000,
				() -> "events.sse.buffer-size must be from 1 to 100000, but was " + bufferSize);
		this.bufferSize = bufferSize;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		Assert.isTrue(timeout.toMillis() >= 1000, () -> "events.sse.timeout must be at least 1s, but was " + timeout);
		this.timeout = timeout;
	}

	public Duration getStallTimeout() {
		return this.stallTimeout;
	}

	public void setStallTimeout(Duration stallTimeout) {
		Assert.isTrue(stallTimeout.toMillis() >= 100,
				() -> "events.sse.stall-timeout must be at least 100ms, but was " + stallTimeout);
		this.stallTimeout = stallTimeout;
	}

}
