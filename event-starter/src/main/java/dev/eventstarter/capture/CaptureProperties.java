package dev.eventstarter.capture;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the capture of JPA entity changes.
 */
@ConfigurationProperties("events.capture")
public class CaptureProperties {

	/**
	 * Whether to capture JPA entity changes as events.
	 */
	private boolean enabled = true;

	/**
	 * Which entities to capture: all of them except those annotated @Untracked, or only
	 * those annotated @Tracked.
	 */
	private CapturedEntities entities = CapturedEntities.ALL;

	/**
	 * What to do when the event of a change cannot be built: fail the transaction, or log
	 * a warning and skip the event.
	 */
	private CaptureErrorHandling onError = CaptureErrorHandling.FAIL;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public CapturedEntities getEntities() {
		return this.entities;
	}

	public void setEntities(CapturedEntities entities) {
		this.entities = entities;
	}

	public CaptureErrorHandling getOnError() {
		return this.onError;
	}

	public void setOnError(CaptureErrorHandling onError) {
		this.onError = onError;
	}

}
