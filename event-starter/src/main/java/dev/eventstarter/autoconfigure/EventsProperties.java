package dev.eventstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of event-starter's core: the event record and its write path.
 * Each capability binds its own: {@code events.jdbc} ({@link EventsJdbcProperties}),
 * {@code events.capture}, {@code events.dispatch}, {@code events.delivery},
 * {@code events.retention}, {@code events.audit}, {@code events.webhooks} and
 * {@code events.sse}.
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

	/**
	 * Largest payload, as JSON, that the application may emit; larger ones are refused
	 * before anything is written.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

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

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		Assert.isTrue(maxPayloadSize.toBytes() >= 1024 && maxPayloadSize.toBytes() <= Integer.MAX_VALUE,
				() -> "events.max-payload-size must be from 1KB to 2GB, but was " + maxPayloadSize);
		this.maxPayloadSize = maxPayloadSize;
	}

}
