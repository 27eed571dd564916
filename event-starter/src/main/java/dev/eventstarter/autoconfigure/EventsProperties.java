package dev.eventstarter.autoconfigure;

import dev.eventstarter.capture.CaptureErrorHandling;
import dev.eventstarter.capture.CapturedEntities;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Configuration properties of event-starter.
 */
@ConfigurationProperties("events")
public class EventsProperties {

	/**
	 * Whether to enable event-starter: capture, the event API and the event tables.
	 */
	private boolean enabled = true;

	/**
	 * Name of the emitting service, recorded in each event's source. Defaults to
	 * spring.application.name.
	 */
	private @Nullable String source;

	private final Capture capture = new Capture();

	private final Jdbc jdbc = new Jdbc();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getSource() {
		return this.source;
	}

	public void setSource(@Nullable String source) {
		this.source = source;
	}

	public Capture getCapture() {
		return this.capture;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	/**
	 * Capture of JPA entity changes.
	 */
	public static class Capture {

		/**
		 * Whether to capture JPA entity changes as events.
		 */
		private boolean enabled = true;

		/**
		 * Which entities to capture: all of them except those annotated @Untracked, or
		 * only those annotated @Tracked.
		 */
		private CapturedEntities entities = CapturedEntities.ALL;

		/**
		 * What to do when the event of a change cannot be built: fail the transaction, or
		 * log a warning and skip the event.
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

	/**
	 * Creation of the event tables.
	 */
	public static class Jdbc extends DatabaseInitializationProperties {

		static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/eventstarter/store/schema-@@platform@@.sql";

		@Override
		public String getDefaultSchemaLocation() {
			return DEFAULT_SCHEMA_LOCATION;
		}

	}

}
