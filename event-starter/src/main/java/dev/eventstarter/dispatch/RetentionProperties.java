package dev.eventstarter.dispatch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the deletion of old events.
 */
@ConfigurationProperties("events.retention")
public class RetentionProperties {

	/**
	 * How long dispatched events whose deliveries all succeeded are kept; 0 keeps them
	 * forever.
	 */
	private Duration dispatched = Duration.ofDays(30);

	/**
	 * How long dead deliveries that nobody retried are kept, counted from their last
	 * attempt; once deleted, their events fall under 'dispatched'. 0 keeps them forever.
	 */
	private Duration dead = Duration.ofDays(30);

	/**
	 * How long the rows of deliveries that succeeded after a retry or a wait are kept:
	 * bookkeeping of the dispatcher, which no query needs once they succeeded. 0 keeps
	 * them until their event is deleted.
	 */
	private Duration succeededDeliveries = Duration.ofDays(1);

	public Duration getDispatched() {
		return this.dispatched;
	}

	public void setDispatched(Duration dispatched) {
		Assert.isTrue(!dispatched.isNegative(),
				() -> "events.retention.dispatched must not be negative, but was " + dispatched);
		this.dispatched = dispatched;
	}

	public Duration getDead() {
		return this.dead;
	}

	public void setDead(Duration dead) {
		Assert.isTrue(!dead.isNegative(), () -> "events.retention.dead must not be negative, but was " + dead);
		this.dead = dead;
	}

	public Duration getSucceededDeliveries() {
		return this.succeededDeliveries;
	}

	public void setSucceededDeliveries(Duration succeededDeliveries) {
		Assert.isTrue(!succeededDeliveries.isNegative(),
				() -> "events.retention.succeeded-deliveries must not be negative, but was " + succeededDeliveries);
		this.succeededDeliveries = succeededDeliveries;
	}

}
