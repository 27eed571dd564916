package dev.eventstarter.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.eventstarter.store.EventTypes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the audit-log subscriber.
 */
@ConfigurationProperties("events.audit")
public class AuditProperties {

	/**
	 * Whether to record every event in the _audit_log table and on the
	 * dev.eventstarter.audit logger.
	 */
	private boolean enabled = true;

	/**
	 * Type patterns of the events to audit; '*' matches any run of characters.
	 */
	private List<String> events = new ArrayList<>(List.of("*"));

	/**
	 * How long audit-log rows are kept; 0 keeps them forever.
	 */
	private Duration retention = Duration.ZERO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getEvents() {
		return this.events;
	}

	public void setEvents(List<String> events) {
		Assert.isTrue(!events.isEmpty(),
				"events.audit.events must name at least one type pattern, such as '*' for every event");
		for (String pattern : events) {
			Assert.isTrue(EventTypes.isValidPattern(pattern), () -> "events.audit.events: '" + pattern
					+ "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
		}
		this.events = events;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		Assert.isTrue(!retention.isNegative(),
				() -> "events.audit.retention must not be negative, but was " + retention);
		this.retention = retention;
	}

}
