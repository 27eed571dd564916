package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.eventstarter.Delivery;
import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.dispatch.DeliveryResult.Outcome;
import dev.eventstarter.store.StoredEvent;
import dev.eventstarter.tracing.DeliveryObservation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls a durable subscriber's handler in the event's trace and context, and tells how it
 * went. Once the dispatcher is stopping, handlers are no longer started.
 */
final class DeliveryAttempt {

	// failed attempts are expected: at debug level, on the logger operators know
	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final DeliveryObservation observation;

	private final BooleanSupplier stopping;

	DeliveryAttempt(DeliveryObservation observation, BooleanSupplier stopping) {
		this.observation = observation;
		this.stopping = stopping;
	}

	DeliveryResult attempt(Subscriber subscriber, StoredEvent event, @Nullable String orderingKey) {
		if (this.stopping.getAsBoolean()) {
			return new DeliveryResult(event, subscriber, Outcome.NOT_STARTED, orderingKey);
		}
		try {
			if (subscriber.batched() && !subscriber.sends()) {
				subscriber.invoke(event);
			}
			else {
				this.observation.observe(subscriber.id(), Delivery.DURABLE, event, () -> subscriber.invoke(event));
			}
			return new DeliveryResult(event, subscriber, Outcome.SUCCEEDED, orderingKey);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Delivery of " + event + " to " + subscriber.id() + " failed", ex);
			}
			return new DeliveryResult(event, subscriber, Outcome.FAILED, describe(ex), orderingKey,
					(ex instanceof DeliveryFailure failure) ? failure : null);
		}
	}

	/**
	 * Deliver events to a batch subscriber together: a handler that throws fails them
	 * all, a sender tells which failed.
	 */
	List<DeliveryResult> attemptAll(Subscriber subscriber, List<StoredEvent> events) {
		List<DeliveryResult> results = new ArrayList<>(events.size());
		if (this.stopping.getAsBoolean()) {
			for (StoredEvent event : events) {
				results.add(new DeliveryResult(event, subscriber, Outcome.NOT_STARTED, orderingKey(subscriber, event)));
			}
			return results;
		}
		Map<UUID, Exception> failures;
		Throwable all = null;
		DeliveryObservation.Batch observed = subscriber.sends() ? this.observation.startAll(subscriber.id(), events)
				: (event, failure) -> {
				};
		try {
			failures = subscriber.invokeAll(events);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Delivery of " + events.size() + " events to " + subscriber.id() + " failed", ex);
			}
			failures = Map.of();
			all = ex;
		}
		for (StoredEvent event : events) {
			Throwable failure = (all != null) ? all : failures.get(event.eventId());
			observed.stop(event, failure);
			String orderingKey = orderingKey(subscriber, event);
			if (failure == null) {
				results.add(new DeliveryResult(event, subscriber, Outcome.SUCCEEDED, orderingKey));
			}
			else {
				if (all == null && logger.isDebugEnabled()) {
					logger.debug("Delivery of " + event + " to " + subscriber.id() + " failed", failure);
				}
				results.add(new DeliveryResult(event, subscriber, Outcome.FAILED, describe(failure), orderingKey,
						(failure instanceof DeliveryFailure deliveryFailure) ? deliveryFailure : null));
			}
		}
		return results;
	}

	private static @Nullable String orderingKey(Subscriber subscriber, StoredEvent event) {
		return subscriber.ordered() ? OrderingQueries.orderingKey(event) : null;
	}

	private static String describe(Throwable failure) {
		String message = (failure instanceof DeliveryFailure) ? String.valueOf(failure.getMessage())
				: failure.getClass().getName() + ": " + failure.getMessage();
		return (message.length() > 2000) ? message.substring(0, 1999) + "…" : message;
	}

}
