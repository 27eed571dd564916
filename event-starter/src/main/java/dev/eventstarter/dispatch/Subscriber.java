package dev.eventstarter.dispatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.eventstarter.Backoff;
import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.store.EventTypes;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * A subscriber: which events it wants, how they reach it, and the code that handles them.
 * Most are {@code @OnEvent} methods; built-in ones (the audit log, webhooks, broker
 * routes) are created with {@link #durable}, {@link #durableBatch} and
 * {@link #durableSender}.
 */
public final class Subscriber {

	private final String id;

	private final List<String> patterns;

	private final Delivery delivery;

	private final @Nullable Integer maxAttempts;

	private final @Nullable Backoff backoff;

	private final boolean ordered;

	private final Set<String> fields;

	private final @Nullable EventHandler handler;

	private final @Nullable BatchEventHandler batchHandler;

	private final @Nullable BatchSender sender;

	private Subscriber(String id, List<String> patterns, Delivery delivery, @Nullable Integer maxAttempts,
			@Nullable Backoff backoff, boolean ordered, Set<String> fields, @Nullable EventHandler handler,
			@Nullable BatchEventHandler batchHandler, @Nullable BatchSender sender) {
		this.id = id;
		this.patterns = List.copyOf(patterns);
		this.delivery = delivery;
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
		this.ordered = ordered;
		this.fields = Set.copyOf(fields);
		this.handler = handler;
		this.batchHandler = batchHandler;
		this.sender = sender;
	}

	/**
	 * A subscriber calling a method of a bean.
	 * @param target supplies the bean and the method to call on it, on each delivery:
	 * beans are looked up when first needed, so lazy ones work
	 */
	static Subscriber method(String id, List<String> patterns, Delivery delivery, @Nullable Integer maxAttempts,
			@Nullable Backoff backoff, boolean ordered, Set<String> fields, Method method,
			Supplier<MethodTarget> target) {
		Type parameterType = method.getGenericParameterTypes()[0];
		boolean takesEvent = method.getParameterTypes()[0] == Event.class;
		EventHandler handler = (event) -> {
			Object argument = takesEvent ? event : ((StoredEvent) event).payload(parameterType);
			MethodTarget invocable = target.get();
			try {
				invocable.method().invoke(invocable.bean(), argument);
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
		};
		return new Subscriber(id, patterns, delivery, maxAttempts, backoff, ordered, fields, handler, null, null);
	}

	/**
	 * A durable subscriber that handles one event at a time.
	 * @param id its stable id
	 * @param patterns the type patterns it wants, already validated
	 * @param maxAttempts its attempts, or {@code null} for
	 * {@code events.delivery.max-attempts}
	 * @param backoff its backoff, or {@code null} for {@code events.delivery.backoff}
	 * @param handler the code
	 * @return the subscriber
	 */
	public static Subscriber durable(String id, List<String> patterns, @Nullable Integer maxAttempts,
			@Nullable Backoff backoff, EventHandler handler) {
		return new Subscriber(id, patterns, Delivery.DURABLE, maxAttempts, backoff, false, Set.of(), handler, null,
				null);
	}

	/**
	 * A durable subscriber that handles the events of a dispatch round together, for
	 * example in one JDBC batch. A failure fails the delivery of every event of the
	 * batch. Its deliveries are not observed one by one.
	 * @param id its stable id
	 * @param patterns the type patterns it wants, already validated
	 * @param handler the code
	 * @return the subscriber
	 */
	public static Subscriber durableBatch(String id, List<String> patterns, BatchEventHandler handler) {
		return new Subscriber(id, patterns, Delivery.DURABLE, null, null, false, Set.of(), null, handler, null);
	}

	/**
	 * A durable subscriber that sends the events of a dispatch round on together and
	 * learns for each whether it arrived, such as a broker route. Each delivery is
	 * observed from the start of the batch until the batch returns.
	 * @param id its stable id
	 * @param patterns the type patterns it wants, already validated
	 * @param maxAttempts its attempts, or {@code null} for
	 * {@code events.delivery.max-attempts}
	 * @param backoff its backoff, or {@code null} for {@code events.delivery.backoff}
	 * @param ordered whether the events of one resource go out in id order, a failed one
	 * holding back the later ones
	 * @param sender the code
	 * @return the subscriber
	 */
	public static Subscriber durableSender(String id, List<String> patterns, @Nullable Integer maxAttempts,
			@Nullable Backoff backoff, boolean ordered, BatchSender sender) {
		return new Subscriber(id, patterns, Delivery.DURABLE, maxAttempts, backoff, ordered, Set.of(), null, null,
				sender);
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
	 * Whether it takes the events of a round together.
	 * @return whether it is a batch subscriber
	 */
	boolean batched() {
		return this.batchHandler != null || this.sender != null;
	}

	/**
	 * Whether it passes events on to another system, each delivery observed on its own.
	 * @return whether it is a sender
	 */
	boolean sends() {
		return this.sender != null;
	}

	/**
	 * Handle one event.
	 * @param event the event
	 * @throws Exception what the handler threw, or an {@link IllegalArgumentException}
	 * when the payload does not map to a method's parameter
	 */
	void invoke(StoredEvent event) throws Exception {
		if (this.batchHandler != null) {
			this.batchHandler.handle(List.of(event));
		}
		else if (this.sender != null) {
			Exception failure = this.sender.send(List.of(event)).get(event.eventId());
			if (failure != null) {
				throw failure;
			}
		}
		else if (this.handler != null) {
			this.handler.handle(event);
		}
	}

	/**
	 * Handle events together.
	 * @param events the events
	 * @return the failures by event id, for a sender that knows them one by one
	 * @throws Exception what the handler threw, failing them all
	 */
	Map<UUID, Exception> invokeAll(List<StoredEvent> events) throws Exception {
		if (this.sender != null) {
			return this.sender.send(List.copyOf(events));
		}
		if (this.batchHandler != null) {
			this.batchHandler.handle(List.copyOf(events));
		}
		else {
			for (StoredEvent event : events) {
				invoke(event);
			}
		}
		return Map.of();
	}

	@Override
	public String toString() {
		return this.id + " " + this.patterns + " (" + this.delivery + ")";
	}

	/**
	 * A bean and the method of its class, proxy included, to call.
	 *
	 * @param bean the bean
	 * @param method the method, accessible
	 */
	record MethodTarget(Object bean, Method method) {

		MethodTarget {
			ReflectionUtils.makeAccessible(method);
		}

	}

}
