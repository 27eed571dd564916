package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.Subscription;
import dev.eventstarter.store.EventEmitter;
import dev.eventstarter.store.WalRelay;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link EventBus} writing through the {@link EventEmitter} and delivering through the
 * {@link Dispatcher} and {@link LocalDelivery}.
 */
final class DispatchingEventBus implements EventBus {

	private static final Duration DRAIN_RELAY_TIMEOUT = Duration.ofSeconds(30);

	private final EventEmitter emitter;

	private final LocalDelivery localDelivery;

	private final Dispatcher dispatcher;

	private final @Nullable WalRelay relay;

	DispatchingEventBus(EventEmitter emitter, LocalDelivery localDelivery, Dispatcher dispatcher,
			@Nullable WalRelay relay) {
		this.emitter = emitter;
		this.localDelivery = localDelivery;
		this.dispatcher = dispatcher;
		this.relay = relay;
	}

	@Override
	public UUID emit(String type, @Nullable Object payload, EmitOptions options) {
		return this.emitter.emit(type, payload, options);
	}

	@Override
	public UUID emitCreated(String resourceName, Object resourceId, Object newState) {
		return this.emitter.emitCreated(resourceName, resourceId, newState);
	}

	@Override
	public UUID emitUpdated(String resourceName, Object resourceId, Object oldState, Object newState) {
		return this.emitter.emitUpdated(resourceName, resourceId, oldState, newState);
	}

	@Override
	public UUID emitDeleted(String resourceName, Object resourceId, Object oldState) {
		return this.emitter.emitDeleted(resourceName, resourceId, oldState);
	}

	@Override
	public Subscription on(String pattern, Consumer<Event> handler) {
		return this.localDelivery.register(pattern, handler, false);
	}

	@Override
	public Subscription once(String pattern, Consumer<Event> handler) {
		return this.localDelivery.register(pattern, handler, true);
	}

	@Override
	public boolean awaitDelivery(UUID eventId, Duration timeout) {
		Assert.notNull(eventId, "eventId must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative(), "timeout must not be null or negative");
		return this.dispatcher.awaitDelivery(eventId, timeout);
	}

	@Override
	public int drain() {
		// in the WAL store mode what committed is dispatchable once relayed
		if (this.relay != null && !this.relay.awaitRelayed(DRAIN_RELAY_TIMEOUT)) {
			throw new IllegalStateException("drain() waited " + DRAIN_RELAY_TIMEOUT + " for the WAL relay to catch up: "
					+ "is an instance relaying? See the walSlot detail of the events health indicator.");
		}
		return this.dispatcher.drain();
	}

	@Override
	public boolean retry(UUID eventId) {
		Assert.notNull(eventId, "eventId must not be null");
		return this.dispatcher.retry(eventId);
	}

}
