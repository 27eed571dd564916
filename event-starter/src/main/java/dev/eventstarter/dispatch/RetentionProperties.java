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

	public Duration getDispatched() {
		return this.dispatched;
	}

	public void setDispatched(Duration dispatched) {
		Assert.isTrue(!dispatched.isNegative(),
				() -> "events.retention.dispatched must not be negative, but was " + dispatched);
		this.dispatched = dispatched;
	}

}
