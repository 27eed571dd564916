package dev.eventstarter.dispatch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the dispatcher of durable deliveries.
 */
@ConfigurationProperties("events.dispatch")
public class DispatchProperties {

	/**
	 * Whether this instance dispatches in the background. Off, events are still recorded
	 * (and dispatched by other instances), and EventBus.drain() still works.
	 */
	private boolean enabled = true;

	/**
	 * How long the dispatcher waits for a commit in this instance before looking for due
	 * work again; bounds the delay for events committed by other instances, delayed
	 * events and retries.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * Maximum number of events, or of retries, claimed at once.
	 */
	private int batchSize = 500;

	/**
	 * How long a claim lasts before another dispatcher may take the work over; it is
	 * renewed while handlers run, so it bounds the delay after a crash.
	 */
	private Duration lease = Duration.ofMinutes(1);

	/**
	 * Maximum number of durable handlers running at once in this instance.
	 */
	private int concurrency = 4;

	/**
	 * How long running handlers may finish at shutdown; deliveries not started are left
	 * to the next dispatcher.
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(10);

	/**
	 * Whether commits NOTIFY other instances through PostgreSQL so that they dispatch at
	 * once instead of at their next poll. Each writing transaction then runs one more
	 * statement, and the notification takes a database-wide lock at commit that
	 * serializes concurrent writers: measure before turning it on. Each dispatching
	 * instance holds one extra connection to listen.
	 */
	private boolean notify;

	/**
	 * How long a transaction that took event ids may hold back ordered deliveries and the
	 * SSE stream before it is reported: a WARN line naming it, and the actuator's
	 * heldBackSince and heldBackBy.
	 */
	private Duration heldBackWarning = Duration.ofSeconds(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		Assert.isTrue(pollInterval.toMillis() >= 10,
				() -> "events.dispatch.poll-interval must be at least 10ms, but was " + pollInterval);
		this.pollInterval = pollInterval;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		Assert.isTrue(batchSize >= 1 && batchSize <= 10_000,
				() -> "events.dispatch.batch-size must be between 1 and 10000, but was " + batchSize);
		this.batchSize = batchSize;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		Assert.isTrue(lease.toSeconds() >= 1, () -> "events.dispatch.lease must be at least 1s, but was " + lease);
		this.lease = lease;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency >= 1 && concurrency <= 1000,
				() -> "events.dispatch.concurrency must be between 1 and 1000, but was " + concurrency);
		this.concurrency = concurrency;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		Assert.isTrue(!shutdownGracePeriod.isNegative(),
				() -> "events.dispatch.shutdown-grace-period must not be negative, but was " + shutdownGracePeriod);
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public boolean isNotify() {
		return this.notify;
	}

	public void setNotify(boolean notify) {
		this.notify = notify;
	}

	public Duration getHeldBackWarning() {
		return this.heldBackWarning;
	}

	public void setHeldBackWarning(Duration heldBackWarning) {
		Assert.isTrue(heldBackWarning.toMillis() >= 100,
				() -> "events.dispatch.held-back-warning must be at least 100ms, but was " + heldBackWarning);
		this.heldBackWarning = heldBackWarning;
	}

}
