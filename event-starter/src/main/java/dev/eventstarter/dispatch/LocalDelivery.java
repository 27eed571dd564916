package dev.eventstarter.dispatch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.Subscription;
import dev.eventstarter.store.EventTypes;
import dev.eventstarter.store.PendingEvent;
import dev.eventstarter.store.RelayedEventsListener;
import dev.eventstarter.store.StoredEvent;
import dev.eventstarter.store.TransactionEventsListener;
import dev.eventstarter.tracing.DeliveryObservation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Delivery inside this process: {@code IN_TRANSACTION} subscribers before the write,
 * {@code AFTER_COMMIT} subscribers and {@code EventBus.on/once} handlers after commit,
 * and the commit signal that wakes the dispatcher.
 */
final class LocalDelivery implements TransactionEventsListener, RelayedEventsListener {

	private static final Log logger = LogFactory.getLog(LocalDelivery.class);

	private final Subscribers subscribers;

	private final Dispatcher dispatcher;

	private final JsonMapper jsonMapper;

	private final DeliveryObservation observation;

	private final List<Handler> handlers = new CopyOnWriteArrayList<>();

	private final HandOff handOff;

	private final boolean relayed;

	/**
	 * @param relayed whether events reach the table through the WAL relay, which wakes
	 * the dispatcher once they are there: a commit alone leaves nothing to dispatch
	 */
	LocalDelivery(Subscribers subscribers, Dispatcher dispatcher, JsonMapper jsonMapper,
			DeliveryObservation observation, HandOff handOff, boolean relayed) {
		this.handOff = handOff;
		this.relayed = relayed;
		this.subscribers = subscribers;
		this.observation = observation;
		this.dispatcher = dispatcher;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public boolean beforeWrite(List<PendingEvent> events) {
		List<Subscriber> inTransaction = this.subscribers.of(Delivery.IN_TRANSACTION);
		if (inTransaction.isEmpty()) {
			return false;
		}
		boolean ran = false;
		for (PendingEvent pending : events) {
			StoredEvent event = view(pending);
			for (Subscriber subscriber : this.subscribers.wanting(Delivery.IN_TRANSACTION, event)) {
				ran = true;
				try {
					subscriber.invoke(event);
				}
				catch (RuntimeException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new IllegalStateException("IN_TRANSACTION subscriber " + subscriber.id() + " failed on "
							+ event + ", rolling back its transaction", ex);
				}
			}
		}
		return ran;
	}

	@Override
	public void relayed(int count) {
		// the relay held what it could for this instance; the rest is claimed
		if (this.handOff.relayed() < count) {
			this.dispatcher.signal();
		}
	}

	@Override
	public void afterCommit(List<PendingEvent> events) {
		// what was handed over woke the hand-off's thread; the rest is claimed
		boolean handedOver = this.handOff.committed(events);
		if (!this.relayed && !(handedOver && events.stream().allMatch(PendingEvent::dueAtOnce))) {
			this.dispatcher.signal();
		}
		if (this.subscribers.of(Delivery.AFTER_COMMIT).isEmpty() && this.handlers.isEmpty()) {
			return;
		}
		for (PendingEvent pending : events) {
			StoredEvent event = view(pending);
			for (Subscriber subscriber : this.subscribers.wanting(Delivery.AFTER_COMMIT, event)) {
				try {
					this.observation.observe(subscriber.id(), Delivery.AFTER_COMMIT, event,
							() -> subscriber.invoke(event));
				}
				catch (Exception ex) {
					logger.warn("AFTER_COMMIT subscriber " + subscriber.id() + " failed on " + event
							+ "; it is not retried", ex);
				}
			}
			for (Handler handler : this.handlers) {
				handler.offer(event);
			}
		}
	}

	@Override
	public void rolledBack(List<PendingEvent> events) {
		this.handOff.discard();
	}

	/**
	 * Register an in-process after-commit handler.
	 * @param pattern the type pattern
	 * @param handler the handler
	 * @param once whether to cancel it after its first event
	 * @return the subscription
	 */
	Subscription register(String pattern, Consumer<Event> handler, boolean once) {
		Assert.isTrue(EventTypes.isValidPattern(pattern),
				() -> "pattern '" + pattern + "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
		Assert.notNull(handler, "handler must not be null");
		Handler registered = new Handler(pattern, handler, once);
		this.handlers.add(registered);
		return registered::cancel;
	}

	private StoredEvent view(PendingEvent pending) {
		return new StoredEvent(0, pending, null, this.jsonMapper);
	}

	private final class Handler {

		private final String pattern;

		private final Consumer<Event> consumer;

		private final boolean once;

		private final AtomicBoolean cancelled = new AtomicBoolean();

		Handler(String pattern, Consumer<Event> consumer, boolean once) {
			this.pattern = pattern;
			this.consumer = consumer;
			this.once = once;
		}

		void cancel() {
			this.cancelled.set(true);
			LocalDelivery.this.handlers.remove(this);
		}

		void offer(Event event) {
			if (!EventTypes.matches(this.pattern, event.eventType())) {
				return;
			}
			if (this.once) {
				if (!this.cancelled.compareAndSet(false, true)) {
					return;
				}
				LocalDelivery.this.handlers.remove(this);
			}
			else if (this.cancelled.get()) {
				return;
			}
			try {
				this.consumer.accept(event);
			}
			catch (RuntimeException ex) {
				logger.warn("Event handler for '" + this.pattern + "' failed on " + event + "; it is not retried", ex);
			}
		}

	}

}
