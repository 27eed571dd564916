package dev.eventstarter;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.eventstarter.store.EventTypes;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Filters for {@link EventStore#query(EventQuery)}; every filter is optional and they
 * combine with "and". Results come oldest first.
 *
 * <pre class="code">
 * EventQuery.builder().resourceName("posts").eventType("posts.*").limit(50).build();
 * </pre>
 */
public final class EventQuery {

	/**
	 * Number of events returned when no limit is set.
	 */
	public static final int DEFAULT_LIMIT = 100;

	/**
	 * Largest limit a query may set.
	 */
	public static final int MAX_LIMIT = 10_000;

	private final @Nullable String resourceName;

	private final @Nullable String resourceId;

	private final @Nullable String eventType;

	private final @Nullable Boolean undispatched;

	private final @Nullable Instant since;

	private final @Nullable Instant until;

	private final @Nullable Long afterId;

	private final int limit;

	private EventQuery(Builder builder) {
		this.resourceName = builder.resourceName;
		this.resourceId = builder.resourceId;
		this.eventType = builder.eventType;
		this.undispatched = builder.undispatched;
		this.since = builder.since;
		this.until = builder.until;
		this.afterId = builder.afterId;
		this.limit = builder.limit;
	}

	public static Builder builder() {
		return new Builder();
	}

	public @Nullable String resourceName() {
		return this.resourceName;
	}

	public @Nullable String resourceId() {
		return this.resourceId;
	}

	/**
	 * The event type or pattern; {@code *} matches any run of characters.
	 * @return the type pattern, or {@code null}
	 */
	public @Nullable String eventType() {
		return this.eventType;
	}

	/**
	 * {@code true} for undispatched events only, {@code false} for dispatched ones only.
	 * @return the dispatch filter, or {@code null} for both
	 */
	public @Nullable Boolean undispatched() {
		return this.undispatched;
	}

	/**
	 * Events created at or after this instant.
	 * @return the lower bound, or {@code null}
	 */
	public @Nullable Instant since() {
		return this.since;
	}

	/**
	 * Events created before this instant.
	 * @return the upper bound (exclusive), or {@code null}
	 */
	public @Nullable Instant until() {
		return this.until;
	}

	/**
	 * Events whose {@link Event#id()} is greater than this.
	 * @return the id to continue after, or {@code null}
	 */
	public @Nullable Long afterId() {
		return this.afterId;
	}

	public int limit() {
		return this.limit;
	}

	/**
	 * Builder of {@link EventQuery}.
	 */
	public static final class Builder {

		private @Nullable String resourceName;

		private @Nullable String resourceId;

		private @Nullable String eventType;

		private @Nullable Boolean undispatched;

		private @Nullable Instant since;

		private @Nullable Instant until;

		private @Nullable Long afterId;

		private int limit = DEFAULT_LIMIT;

		private Builder() {
		}

		public Builder resourceName(String resourceName) {
			Assert.isTrue(StringUtils.hasText(resourceName), "resourceName must not be blank");
			this.resourceName = resourceName;
			return this;
		}

		/**
		 * Only events of this resource id; pass ids as {@link Event#resourceId()} shows
		 * them.
		 * @param resourceId the resource id as a string
		 * @return this builder
		 */
		public Builder resourceId(String resourceId) {
			Assert.isTrue(StringUtils.hasText(resourceId), "resourceId must not be blank");
			this.resourceId = resourceId;
			return this;
		}

		/**
		 * Only events of this type, or matching this pattern ({@code posts.*},
		 * {@code *.created}).
		 * @param eventType a type or pattern of letters, digits, {@code .}, {@code _},
		 * {@code -}, {@code :} and {@code *}
		 * @return this builder
		 */
		public Builder eventType(String eventType) {
			Assert.notNull(eventType, "eventType must not be null");
			Assert.isTrue(EventTypes.isValidPattern(eventType),
					() -> "eventType '" + eventType + "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
			this.eventType = eventType;
			return this;
		}

		public Builder undispatched(boolean undispatched) {
			this.undispatched = undispatched;
			return this;
		}

		public Builder since(Instant since) {
			Assert.notNull(since, "since must not be null");
			Assert.isTrue(this.until == null || since.isBefore(this.until), "since must be before until");
			this.since = since;
			return this;
		}

		public Builder until(Instant until) {
			Assert.notNull(until, "until must not be null");
			Assert.isTrue(this.since == null || this.since.isBefore(until), "until must be after since");
			this.until = until;
			return this;
		}

		public Builder afterId(long afterId) {
			Assert.isTrue(afterId >= 0, () -> "afterId must not be negative, but was " + afterId);
			this.afterId = afterId;
			return this;
		}

		/**
		 * Most events to return.
		 * @param limit from 1 to 10,000, default 100
		 * @return this builder
		 */
		public Builder limit(int limit) {
			Assert.isTrue(limit >= 1 && limit <= MAX_LIMIT,
					() -> "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
			this.limit = limit;
			return this;
		}

		public EventQuery build() {
			return new EventQuery(this);
		}

	}

}
