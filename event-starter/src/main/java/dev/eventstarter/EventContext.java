package dev.eventstarter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Who and what the events emitted by a piece of code belong to, for code that runs
 * outside an HTTP request: jobs, scripts, tests, message listeners. Inside a request the
 * values set here win over those taken from the request.
 *
 * <pre class="code">
 * EventContext.with().tenant("acme").userId("nightly-import").role("system").run(() -&gt; importer.run());
 * </pre>
 *
 * <p>
 * Contexts nest: an inner one keeps the outer one's values unless it sets its own, and
 * the outer one is current again when the inner one ends. While a durable or after-commit
 * subscriber runs, the delivered event's tenant and correlation id are current, so the
 * events it emits carry them on.
 */
public final class EventContext {

	/**
	 * Longest tenant, correlation id, user id, role or variable value accepted, in
	 * characters.
	 */
	public static final int MAX_VALUE_LENGTH = Arguments.MAX_TEXT_LENGTH;

	/**
	 * Longest variable name accepted, in characters.
	 */
	public static final int MAX_KEY_LENGTH = 64;

	private static final ThreadLocal<@Nullable EventContext> current = new ThreadLocal<>();

	private final @Nullable String tenant;

	private final @Nullable String correlationId;

	private final @Nullable String userId;

	private final @Nullable String role;

	private final Map<String, Object> variables;

	private EventContext(Builder builder) {
		this.tenant = builder.tenant;
		this.correlationId = builder.correlationId;
		this.userId = builder.userId;
		this.role = builder.role;
		this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(builder.variables));
	}

	/**
	 * Start a context that inherits the current one's values.
	 * @return a builder
	 */
	public static Builder with() {
		return new Builder(current.get());
	}

	/**
	 * The context of the running code.
	 * @return the current context, or {@code null} outside any
	 */
	public static @Nullable EventContext current() {
		return current.get();
	}

	public @Nullable String tenant() {
		return this.tenant;
	}

	public @Nullable String correlationId() {
		return this.correlationId;
	}

	public @Nullable String userId() {
		return this.userId;
	}

	public @Nullable String role() {
		return this.role;
	}

	/**
	 * Custom session variables, stored with the standard ones.
	 * @return the variables, in the order they were set
	 */
	public Map<String, Object> variables() {
		return this.variables;
	}

	@Override
	public String toString() {
		return "EventContext[tenant=" + this.tenant + ", correlationId=" + this.correlationId + ", userId="
				+ this.userId + ", role=" + this.role + ", variables=" + this.variables.keySet() + "]";
	}

	/**
	 * Code run in a context.
	 *
	 * @param <E> the checked exception it may throw
	 */
	@FunctionalInterface
	public interface Action<E extends Exception> {

		void run() throws E;

	}

	/**
	 * Code run in a context that returns a result.
	 *
	 * @param <T> the result type
	 * @param <E> the checked exception it may throw
	 */
	@FunctionalInterface
	public interface Task<T, E extends Exception> {

		T call() throws E;

	}

	/**
	 * Builds a context and runs code in it. Every setter checks its argument and throws
	 * {@link IllegalArgumentException} saying what to fix.
	 */
	public static final class Builder {

		private @Nullable String tenant;

		private @Nullable String correlationId;

		private @Nullable String userId;

		private @Nullable String role;

		private final Map<String, Object> variables = new LinkedHashMap<>();

		private Builder(@Nullable EventContext outer) {
			if (outer != null) {
				this.tenant = outer.tenant;
				this.correlationId = outer.correlationId;
				this.userId = outer.userId;
				this.role = outer.role;
				this.variables.putAll(outer.variables);
			}
		}

		/**
		 * Set the tenant of the events emitted inside.
		 * @param tenant 1 to 255 characters
		 * @return this builder
		 */
		public Builder tenant(String tenant) {
			this.tenant = Arguments.text("tenant", tenant);
			return this;
		}

		/**
		 * Set the correlation id of the events emitted inside.
		 * @param correlationId 1 to 255 characters
		 * @return this builder
		 */
		public Builder correlationId(String correlationId) {
			this.correlationId = Arguments.text("correlationId", correlationId);
			return this;
		}

		/**
		 * Set the user the events emitted inside are attributed to.
		 * @param userId 1 to 255 characters
		 * @return this builder
		 */
		public Builder userId(String userId) {
			this.userId = Arguments.text("userId", userId);
			return this;
		}

		/**
		 * Set the role of that user.
		 * @param role 1 to 255 characters
		 * @return this builder
		 */
		public Builder role(String role) {
			this.role = Arguments.text("role", role);
			return this;
		}

		/**
		 * Add a custom session variable.
		 * @param name 1 to 64 characters, not one of the standard names ({@code userId},
		 * {@code role}, {@code ip}, {@code userAgent})
		 * @param value a string of at most 255 characters, a number or a boolean
		 * @return this builder
		 */
		public Builder variable(String name, Object value) {
			Assert.isTrue(StringUtils.hasText(name), "variable name must not be blank");
			Assert.isTrue(name.length() <= MAX_KEY_LENGTH, () -> "variable name must be at most " + MAX_KEY_LENGTH
					+ " characters, but '" + name.substring(0, 20) + "…' has " + name.length());
			Assert.isTrue(!SessionVariables.STANDARD_NAMES.contains(name), () -> "variable name '" + name
					+ "' is a standard session variable; set it with its own method (userId, role) instead");
			Assert.notNull(value, () -> "value of variable '" + name + "' must not be null");
			Assert.isTrue(value instanceof String || value instanceof Number || value instanceof Boolean,
					() -> "value of variable '" + name + "' must be a String, a Number or a Boolean, but was a "
							+ value.getClass().getName());
			if (value instanceof String text) {
				Arguments.text("value of variable '" + name + "'", text);
			}
			this.variables.put(name, value);
			return this;
		}

		/**
		 * Run code in the context, then restore the one that was current.
		 * @param <E> the checked exception the code may throw
		 * @param action the code
		 * @throws E what the code throws
		 */
		public <E extends Exception> void run(Action<E> action) throws E {
			Assert.notNull(action, "action must not be null");
			call(() -> {
				action.run();
				return null;
			});
		}

		/**
		 * Run code in the context and return its result, then restore the one that was
		 * current.
		 * @param <T> the result type
		 * @param <E> the checked exception the code may throw
		 * @param task the code
		 * @return what the code returned
		 * @throws E what the code throws
		 */
		public <T extends @Nullable Object, E extends Exception> T call(Task<T, E> task) throws E {
			Assert.notNull(task, "task must not be null");
			EventContext outer = current.get();
			current.set(new EventContext(this));
			try {
				return task.call();
			}
			finally {
				if (outer != null) {
					current.set(outer);
				}
				else {
					current.remove();
				}
			}
		}

	}

}
