package dev.eventstarter.dispatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

import dev.eventstarter.Backoff;
import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.store.EventTypes;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * One {@code @OnEvent} method of a bean: which events it wants and how to call it.
 */
public final class Subscriber {

	private final String id;

	private final List<String> patterns;

	private final Delivery delivery;

	private final @Nullable Integer maxAttempts;

	private final @Nullable Backoff backoff;

	private final boolean ordered;

	private final Set<String> fields;

	private final Object bean;

	private final Method method;

	private final Type parameterType;

	private final boolean takesEvent;

	Subscriber(String id, List<String> patterns, Delivery delivery, @Nullable Integer maxAttempts,
			@Nullable Backoff backoff, boolean ordered, Set<String> fields, Object bean, Method method) {
		this.id = id;
		this.patterns = List.copyOf(patterns);
		this.delivery = delivery;
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
		this.ordered = ordered;
		this.fields = Set.copyOf(fields);
		this.bean = bean;
		this.method = method;
		this.parameterType = method.getGenericParameterTypes()[0];
		this.takesEvent = method.getParameterTypes()[0] == Event.class;
		ReflectionUtils.makeAccessible(method);
	}

	public String id() {
		return this.id;
	}

	public Delivery delivery() {
		return this.delivery;
	}

	public @Nullable Integer maxAttempts() {
		return this.maxAttempts;
	}

	public @Nullable Backoff backoff() {
		return this.backoff;
	}

	public boolean ordered() {
		return this.ordered;
	}

	/**
	 * Whether the event's type matches one of the patterns.
	 * @param eventType the type
	 * @return whether it matches
	 */
	boolean matches(String eventType) {
		for (String pattern : this.patterns) {
			if (EventTypes.matches(pattern, eventType)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the subscriber wants this event: its type matches and, for an updated event
	 * and a subscriber with fields, one of them changed.
	 * @param event the event
	 * @return whether to deliver it
	 */
	boolean wants(Event event) {
		if (!matches(event.eventType())) {
			return false;
		}
		if (this.fields.isEmpty() || !event.eventType().endsWith(".updated")) {
			return true;
		}
		for (String changed : event.changes().updated()) {
			if (this.fields.contains(changed)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Call the method with the event or its mapped payload.
	 * @param event the event
	 * @throws Exception what the method threw, or an {@link IllegalArgumentException}
	 * when the payload does not map to its parameter
	 */
	void invoke(StoredEvent event) throws Exception {
		Object argument = this.takesEvent ? event : event.payload(this.parameterType);
		try {
			this.method.invoke(this.bean, argument);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Exception exception) {
				throw exception;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return this.id + " " + this.patterns + " (" + this.delivery + ")";
	}

}
