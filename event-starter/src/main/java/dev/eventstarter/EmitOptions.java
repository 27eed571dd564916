package dev.eventstarter;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Options for one emitted event: priority, delay, retry policy, origin and metadata.
 * Every setter of the {@link Builder} checks its argument and throws
 * {@link IllegalArgumentException} saying what to fix.
 *
 * <pre class="code">
 * EmitOptions.builder().priority(9).delay(Duration.ofMinutes(5)).maxAttempts(5).build();
 * </pre>
 */
public final class EmitOptions {

	/**
	 * Lowest priority.
	 */
	public static final int MIN_PRIORITY = 0;

	/**
	 * Highest priority.
	 */
	public static final int MAX_PRIORITY = 10;

	/**
	 * Priority of events emitted without one.
	 */
	public static final int DEFAULT_PRIORITY = 5;

	/**
	 * Most delivery attempts an event may ask for.
	 */
	public static final int MAX_ATTEMPTS = 1000;

	/**
	 * Metadata keys used for the options themselves.
	 */
	public static final Set<String> RESERVED_METADATA_KEYS = Set.of("maxAttempts", "backoff");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final EmitOptions DEFAULTS = builder().build();

	private final int priority;

	private final @Nullable Duration delay;

	private final @Nullable Instant notBefore;

	private final @Nullable Integer maxAttempts;

	private final @Nullable Backoff backoff;

	private final @Nullable String source;

	private final @Nullable String traceId;

	private final @Nullable String correlationId;

	private final @Nullable String tenant;

	private final Map<String, Object> metadata;

	private EmitOptions(Builder builder) {
		this.priority = builder.priority;
		this.delay = builder.delay;
		this.notBefore = builder.notBefore;
		this.maxAttempts = builder.maxAttempts;
		this.backoff = builder.backoff;
		this.source = builder.source;
		this.traceId = builder.traceId;
		this.correlationId = builder.correlationId;
		this.tenant = builder.tenant;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
	}

	/**
	 * Options with every default: priority 5, no delay, the subscribers' retry policy.
	 * @return the default options
	 */
	public static EmitOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	public int priority() {
		return this.priority;
	}

	public @Nullable Duration delay() {
		return this.delay;
	}

	public @Nullable Instant notBefore() {
		return this.notBefore;
	}

	public @Nullable Integer maxAttempts() {
		return this.maxAttempts;
	}

	public @Nullable Backoff backoff() {
		return this.backoff;
	}

	public @Nullable String source() {
		return this.source;
	}

	public @Nullable String traceId() {
		return this.traceId;
	}

	public @Nullable String correlationId() {
		return this.correlationId;
	}

	public @Nullable String tenant() {
		return this.tenant;
	}

	public Map<String, Object> metadata() {
		return this.metadata;
	}

	/**
	 * When the event becomes available for dispatch.
	 * @param createdAt when the event is created
	 * @return {@code createdAt} plus the delay, the {@code notBefore} instant, or
	 * {@code createdAt}
	 */
	public Instant availableAt(Instant createdAt) {
		if (this.delay != null) {
			return createdAt.plus(this.delay);
		}
		if (this.notBefore != null && this.notBefore.isAfter(createdAt)) {
			return this.notBefore;
		}
		return createdAt;
	}

	/**
	 * Builder of {@link EmitOptions}.
	 */
	public static final class Builder {

		// the databases' timestamps, and ISO-8601 text, end with the year 9999
		private static final Instant LATEST_AVAILABLE_AT = Instant.parse("+10000-01-01T00:00:00Z");

		private int priority = DEFAULT_PRIORITY;

		private @Nullable Duration delay;

		private @Nullable Instant notBefore;

		private @Nullable Integer maxAttempts;

		private @Nullable Backoff backoff;

		private @Nullable String source;

		private @Nullable String traceId;

		private @Nullable String correlationId;

		private @Nullable String tenant;

		private final Map<String, Object> metadata = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Dispatch priority, higher first.
		 * @param priority from 0 to 10, default 5
		 * @return this builder
		 */
		public Builder priority(int priority) {
			Assert.isTrue(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY,
					() -> "priority must be between 0 and 10, but was " + priority);
			this.priority = priority;
			return this;
		}

		/**
		 * Do not dispatch before this much time has passed. Excludes
		 * {@link #notBefore(Instant)}.
		 * @param delay zero or positive, ending before the year 10000
		 * @return this builder
		 */
		public Builder delay(Duration delay) {
			Assert.notNull(delay, "delay must not be null");
			Assert.isTrue(!delay.isNegative(), () -> "delay must not be negative, but was " + delay);
			Assert.isTrue(delay.compareTo(Duration.between(Instant.now(), LATEST_AVAILABLE_AT)) < 0,
					() -> "delay must end before the year 10000, but was " + delay);
			Assert.isNull(this.notBefore, "set either delay or notBefore, not both");
			this.delay = delay;
			return this;
		}

		/**
		 * Do not dispatch before this instant. Excludes {@link #delay(Duration)}.
		 * @param notBefore the earliest dispatch time, before the year 10000
		 * @return this builder
		 */
		public Builder notBefore(Instant notBefore) {
			Assert.notNull(notBefore, "notBefore must not be null");
			Assert.isTrue(notBefore.isBefore(LATEST_AVAILABLE_AT),
					() -> "notBefore must be before the year 10000, but was " + notBefore);
			Assert.isNull(this.delay, "set either delay or notBefore, not both");
			this.notBefore = notBefore;
			return this;
		}

		/**
		 * Delivery attempts per durable subscriber, overriding the subscriber's own.
		 * @param maxAttempts from 1 to 1000
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1 && maxAttempts <= MAX_ATTEMPTS,
					() -> "maxAttempts must be between 1 and " + MAX_ATTEMPTS + ", but was " + maxAttempts);
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Delay growth between attempts, overriding the subscriber's own.
		 * @param backoff the backoff
		 * @return this builder
		 */
		public Builder backoff(Backoff backoff) {
			Assert.notNull(backoff, "backoff must not be null");
			this.backoff = backoff;
			return this;
		}

		/**
		 * The emitting service, instead of {@code events.source} or
		 * {@code spring.application.name}.
		 * @param source 1 to 255 characters
		 * @return this builder
		 */
		public Builder source(String source) {
			this.source = Arguments.text("source", source);
			return this;
		}

		/**
		 * W3C trace id to record when no span is current.
		 * @param traceId 32 hexadecimal characters
		 * @return this builder
		 */
		public Builder traceId(String traceId) {
			Assert.notNull(traceId, "traceId must not be null");
			String normalized = traceId.toLowerCase(Locale.ROOT);
			Assert.isTrue(TRACE_ID.matcher(normalized).matches(),
					() -> "traceId must be 32 hexadecimal characters, but was '" + traceId + "'");
			this.traceId = normalized;
			return this;
		}

		/**
		 * Correlation id of the event. It wins over the {@link EventContext}'s and the
		 * request's {@code X-Correlation-Id}.
		 * @param correlationId 1 to 255 characters
		 * @return this builder
		 */
		public Builder correlationId(String correlationId) {
			this.correlationId = Arguments.text("correlationId", correlationId);
			return this;
		}

		/**
		 * Tenant of the event.
		 * @param tenant 1 to 255 characters
		 * @return this builder
		 */
		public Builder tenant(String tenant) {
			this.tenant = Arguments.text("tenant", tenant);
			return this;
		}

		/**
		 * Add custom metadata stored with the event. Values must be writable as JSON.
		 * @param metadata entries with non-blank keys other than
		 * {@link #RESERVED_METADATA_KEYS}
		 * @return this builder
		 */
		public Builder metadata(Map<String, ?> metadata) {
			Assert.notNull(metadata, "metadata must not be null");
			metadata.forEach((key, value) -> {
				Assert.isTrue(StringUtils.hasText(key), "metadata keys must not be blank");
				Assert.isTrue(!RESERVED_METADATA_KEYS.contains(key),
						() -> "metadata key '" + key + "' is reserved; use the builder's " + key + "(…) instead");
				this.metadata.put(key, value);
			});
			return this;
		}

		public EmitOptions build() {
			return new EmitOptions(this);
		}

	}

}
