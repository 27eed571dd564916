package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Delivers recorded events to durable subscribers, at least once: the lifecycle and the
 * loop. Each turn runs an {@link EventRound} for new events and, when rows may be due, a
 * {@link RetryRound}; then it lingers while busy, or waits for a commit signal or the
 * poll interval. A failing turn backs off ({@link OutageBackoff}) and gives back what it
 * claimed ({@link AbandonedClaims}).
 */
final class Dispatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private static final Duration DRAIN_SETTLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration SETTLING_POLL = Duration.ofMillis(20);

	private static final Duration LINGER_PER_EVENT = Duration.ofNanos(500_000);

	private static final Duration MAX_LINGER = Duration.ofMillis(25);

	private final EventRound events;

	private final RetryRound retries;

	private final Acknowledgements acknowledgements;

	private final DeliveryWorkers workers;

	private final Retention retention;

	private final OutageBackoff outage;

	private final AbandonedClaims abandoned;

	private final RetrySchedule schedule;

	private final OrderedHorizon horizon;

	private final DeliveryWaits waits;

	private final DeliveryRows rows;

	private final Subscribers subscribers;

	private final ShutdownSignal shutdown;

	private final DispatchSettings settings;

	private final Clock clock;

	private final HandOff handOff;

	private final HandOffDelivery handOffDelivery;

	private final AtomicBoolean signalled = new AtomicBoolean();

	// a claim may find something: set by commits that were not handed over, other
	// instances' notifications and retries; touched otherwise only by the dispatcher's
	// thread, like the two fields after it
	private final AtomicBoolean claimWanted = new AtomicBoolean(true);

	private boolean lastClaimFound;

	private long lastClaimAt = System.nanoTime();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	Dispatcher(EventRound events, RetryRound retries, Acknowledgements acknowledgements, DeliveryWorkers workers,
			Retention retention, OutageBackoff outage, AbandonedClaims abandoned, RetrySchedule schedule,
			OrderedHorizon horizon, DeliveryWaits waits, DeliveryRows rows, Subscribers subscribers,
			ShutdownSignal shutdown, DispatchSettings settings, HandOff handOff, HandOffDelivery handOffDelivery,
			Clock clock) {
		this.handOff = handOff;
		this.handOffDelivery = handOffDelivery;
		this.waits = waits;
		this.rows = rows;
		this.events = events;
		this.retries = retries;
		this.acknowledgements = acknowledgements;
		this.workers = workers;
		this.retention = retention;
		this.outage = outage;
		this.abandoned = abandoned;
		this.schedule = schedule;
		this.horizon = horizon;
		this.subscribers = subscribers;
		this.shutdown = shutdown;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Wake the dispatcher to claim: events were committed that were not handed over.
	 */
	void signal() {
		this.claimWanted.set(true);
		Thread current = this.thread;
		if (current != null && this.signalled.compareAndSet(false, true)) {
			LockSupport.unpark(current);
		}
	}

	/**
	 * Deliver everything due now in the calling thread.
	 * @return the number of deliveries made
	 */
	int drain() {
		this.abandoned.releaseAll(this.clock.instant());
		if (this.subscribers.anyOrdered()) {
			this.horizon.awaitAllSettled(DRAIN_SETTLE_TIMEOUT);
		}
		int deliveries = 0;
		Round round;
		do {
			round = this.events.runHandedOff().plus(this.events.run(false)).plus(this.retries.run(false));
			deliveries += round.deliveries();
		}
		while (round.claimed() > 0);
		return deliveries;
	}

	/**
	 * Wait until an event is delivered to every durable subscriber.
	 * @return whether every delivery succeeded in time
	 */
	boolean awaitDelivery(UUID eventId, Duration timeout) {
		return this.waits.await(eventId, timeout, this.acknowledgements::flushGathered);
	}

	/**
	 * Retry an event's dead and failed deliveries now, and its dispatch if it waits.
	 * @return whether the event exists
	 */
	boolean retry(UUID eventId) {
		boolean exists = this.rows.reschedule(eventId, this.clock.instant());
		this.schedule.checkNow();
		signal();
		return exists;
	}

	private void loop() {
		while (this.running) {
			try {
				turn();
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				// what the failed turn was to claim is still there
				this.claimWanted.set(true);
				this.outage.failed(ex);
			}
		}
		// the hand-off thread's last rounds are acknowledged with the rest
		this.handOffDelivery.awaitStopped(this.settings.shutdownGracePeriod().plusSeconds(5));
		try {
			this.acknowledgements.flushAndAwait();
		}
		catch (RuntimeException ex) {
			logger.debug("The last acknowledgement failed; its events will be delivered again", ex);
		}
		try {
			this.events.releaseNext();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not give back the claim of the next round; its lease will expire", ex);
		}
		this.handOff.close();
	}

	private void turn() {
		this.handOffDelivery.renewIfDue();
		Round events = Round.NONE;
		if (claimDue()) {
			events = this.events.run(true);
			this.lastClaimFound = events.claimed() > 0;
			this.lastClaimAt = System.nanoTime();
		}
		Round round = events;
		if (this.horizon.passedWaiting()) {
			this.schedule.checkNow();
		}
		if (this.schedule.isDue(this.clock.instant())) {
			round = round.plus(this.retries.run(true));
		}
		this.abandoned.releaseAll(this.clock.instant());
		this.outage.succeeded();
		this.retention.runWhenDue();
		long gatheredDueIn = this.acknowledgements.gatheredDueIn(this.settings.batchSize());
		if (gatheredDueIn == 0) {
			this.acknowledgements.flushGathered();
			gatheredDueIn = -1;
		}
		if (events.claimed() > 0 && events.claimed() < this.settings.batchSize()) {
			linger(events.claimed());
		}
		else if (round.claimed() == 0) {
			if (gatheredDueIn < 0) {
				this.acknowledgements.awaitPending();
			}
			if (!this.signalled.getAndSet(false)) {
				long idle = idleWait().toNanos();
				LockSupport.parkNanos((gatheredDueIn > 0) ? Math.min(idle, gatheredDueIn) : idle);
				this.signalled.set(false);
			}
		}
	}

	/**
	 * Whether to claim this turn. Without the hand-off, always. With it, only what other
	 * instances, delayed events, retries and commits the hand-off could not take leave to
	 * claim: so only when signalled, while claims find events, and once a poll interval.
	 * Under load the hand-off's rounds then cost no claim at all.
	 */
	private boolean claimDue() {
		boolean wanted = this.claimWanted.getAndSet(false);
		return !this.handOff.enabled() || wanted || this.lastClaimFound
				|| System.nanoTime() - this.lastClaimAt >= this.settings.pollInterval().toNanos();
	}

	/**
	 * Let the next round gather more events when this one was busy, rather than pay a
	 * claim and an acknowledgement for every few events a busy application commits. The
	 * pause grows with the round: a round of one event waits half a millisecond, so under
	 * light load an event is claimed at once, and from 2,000 events a second rounds grow
	 * until they wait {@link #MAX_LINGER}. Commits do not cut it short.
	 */
	private void linger(int claimed) {
		long until = System.nanoTime() + Math.min(MAX_LINGER.toNanos(), claimed * LINGER_PER_EVENT.toNanos());
		long left;
		while (this.running && (left = until - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
		}
	}

	/**
	 * How long to wait for work: the poll interval, or less while ordered deliveries wait
	 * for the horizon, so that they wait for it, not for the next poll.
	 */
	private Duration idleWait() {
		Duration poll = this.settings.pollInterval();
		Duration renewal = this.settings.lease().dividedBy(3);
		if (this.handOffDelivery.delivering() && poll.compareTo(renewal) > 0) {
			// the hand-off's handlers take long: their hold is renewed from here
			return renewal;
		}
		if (this.horizon.anyWaiting() && poll.compareTo(SETTLING_POLL) > 0) {
			return SETTLING_POLL;
		}
		return poll;
	}

	@Override
	public void start() {
		if (!this.settings.background() || this.running) {
			return;
		}
		this.workers.start();
		this.acknowledgements.start();
		this.shutdown.stopping(false);
		this.running = true;
		this.handOff.open();
		this.handOffDelivery.start();
		Thread dispatcherThread = new Thread(this::loop, "events-dispatcher");
		dispatcherThread.setDaemon(true);
		this.thread = dispatcherThread;
		dispatcherThread.start();
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.shutdown.stopping(true);
		this.running = false;
		this.handOffDelivery.stopping();
		Thread dispatcherThread = this.thread;
		if (dispatcherThread != null) {
			LockSupport.unpark(dispatcherThread);
			try {
				dispatcherThread.join(this.settings.shutdownGracePeriod().plusSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
		this.workers.stop();
		this.acknowledgements.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
