package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The thread that delivers what {@link HandOff} receives, as it arrives: a commit wakes
 * it directly and it runs the handlers itself, so an event reaches its subscribers after
 * one thread hand-off, and under load after none, since it takes whatever arrived while
 * it delivered. Going through the dispatcher's thread and a worker cost three hand-offs a
 * round, which on a busy machine cost more than the delivery itself.
 *
 * <p>
 * Its acknowledgements are gathered ({@link Acknowledgements#acknowledgeGathered}); with
 * ordered subscribers each round is acknowledged before the next and rounds linger as
 * claimed ones do. The dispatcher renews the hold of a round whose handlers take long,
 * and waits for this thread before it acknowledges its last rounds at shutdown.
 */
final class HandOffDelivery {

	private static final Log logger = LogFactory.getLog(HandOffDelivery.class);

	private static final long IDLE_NANOS = Duration.ofSeconds(1).toNanos();

	private static final long LINGER_PER_EVENT_NANOS = Duration.ofNanos(500_000).toNanos();

	private static final long MAX_LINGER_NANOS = Duration.ofMillis(25).toNanos();

	private static final long PACE_NANOS = Duration.ofMillis(1).toNanos();

	private final HandOff handOff;

	private final EventRound events;

	private final Acknowledgements acknowledgements;

	private final Subscribers subscribers;

	private final DispatchSettings settings;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	private volatile @Nullable Runnable renewInFlight;

	private volatile long renewedAt;

	HandOffDelivery(HandOff handOff, EventRound events, Acknowledgements acknowledgements, Subscribers subscribers,
			DispatchSettings settings) {
		this.handOff = handOff;
		this.events = events;
		this.acknowledgements = acknowledgements;
		this.subscribers = subscribers;
		this.settings = settings;
	}

	void start() {
		if (!this.handOff.enabled()) {
			return;
		}
		this.running = true;
		Thread handOffThread = new Thread(this::loop, "events-hand-off");
		handOffThread.setDaemon(true);
		this.thread = handOffThread;
		handOffThread.start();
	}

	/**
	 * Let the thread finish its round and end.
	 */
	void stopping() {
		this.running = false;
		this.handOff.wakeWaiter();
	}

	/**
	 * Wait for the thread to end.
	 * @param timeout how long at most
	 */
	void awaitStopped(Duration timeout) {
		Thread handOffThread = this.thread;
		if (handOffThread == null) {
			return;
		}
		try {
			handOffThread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	/**
	 * Whether a round is being delivered.
	 */
	boolean delivering() {
		return this.renewInFlight != null;
	}

	/**
	 * Renew the hold of the round being delivered once a third of the lease went by since
	 * it started or was renewed last. Called by the dispatcher's thread.
	 */
	void renewIfDue() {
		Runnable renew = this.renewInFlight;
		if (renew != null && System.nanoTime() - this.renewedAt > this.settings.lease().toNanos() / 3) {
			renew.run();
			this.renewedAt = System.nanoTime();
		}
	}

	private void inFlight(@Nullable Runnable renew) {
		this.renewedAt = System.nanoTime();
		this.renewInFlight = renew;
	}

	private void loop() {
		while (this.running) {
			try {
				long gatheredDueIn = this.acknowledgements.gatheredDueIn(this.settings.batchSize());
				if (gatheredDueIn == 0) {
					this.acknowledgements.flushGathered();
					gatheredDueIn = -1;
				}
				List<HandOff.Held> taken = this.handOff.await(this.settings.batchSize(),
						(gatheredDueIn > 0) ? Math.min(gatheredDueIn, IDLE_NANOS) : IDLE_NANOS);
				Round round = this.events.deliverHandedOff(taken, true, this::inFlight);
				if (round.claimed() > 0 && round.claimed() < this.settings.batchSize()) {
					// busy: let the next commits gather rather than have each of them
					// wake this thread, a cost its writer pays; each ordered round is
					// acknowledged on its own, so those gather longer
					LockSupport.parkNanos(this.subscribers.anyOrdered()
							? Math.min(MAX_LINGER_NANOS, round.claimed() * LINGER_PER_EVENT_NANOS) : PACE_NANOS);
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				// the events were given back, or are once the database answers; the
				// dispatcher reports the outage
				logger.debug("Delivering events handed over failed; they are claimed instead", ex);
				LockSupport.parkNanos(Math.min(this.settings.pollInterval().toNanos(), IDLE_NANOS));
			}
		}
	}

}
