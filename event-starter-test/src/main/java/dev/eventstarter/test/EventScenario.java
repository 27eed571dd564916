package dev.eventstarter.test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;

import org.springframework.util.Assert;

/**
 * Waits for what a stimulus causes asynchronously: run it, then wait for a committed
 * event that matches, or for that event's delivery to every durable subscriber. A timeout
 * fails with what did arrive.
 *
 * <pre class="code">
 * Event published = scenario.stimulate(() -&gt; posts.publish(id))
 * 	.andWaitForDelivery("posts.published");
 * </pre>
 */
public final class EventScenario {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration MANUAL_DISPATCH_PAUSE = Duration.ofMillis(10);

	private final RecordedEvents recorded;

	private final EventBus bus;

	private final EventDeliveries deliveries;

	private final boolean backgroundDispatch;

	EventScenario(RecordedEvents recorded, EventBus bus, EventDeliveries deliveries, boolean backgroundDispatch) {
		this.recorded = recorded;
		this.bus = bus;
		this.deliveries = deliveries;
		this.backgroundDispatch = backgroundDispatch;
	}

	/**
	 * Run a stimulus now, in this thread.
	 * @param stimulus what the test does
	 * @return what to wait for
	 */
	public Stimulated stimulate(Runnable stimulus) {
		Assert.notNull(stimulus, "stimulus must not be null");
		int before = this.recorded.snapshot().size();
		stimulus.run();
		return new Stimulated(before, DEFAULT_TIMEOUT);
	}

	/**
	 * What a stimulus caused, to wait for.
	 */
	public final class Stimulated {

		private final int recordedBefore;

		private final Duration timeout;

		Stimulated(int recordedBefore, Duration timeout) {
			this.recordedBefore = recordedBefore;
			this.timeout = timeout;
		}

		/**
		 * Wait this long at most, instead of 10 seconds.
		 * @param timeout the timeout, positive
		 * @return a copy waiting that long
		 */
		public Stimulated within(Duration timeout) {
			Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(),
					() -> "The timeout must be positive, but was " + timeout);
			return new Stimulated(this.recordedBefore, timeout);
		}

		/**
		 * Wait for a committed event of a type, recorded since the stimulus began.
		 * @param pattern an event type or a pattern such as {@code posts.*}
		 * @return the first such event
		 * @throws AssertionError on timeout, listing what was recorded
		 */
		public Event andWaitForEvent(String pattern) {
			return andWaitForEvent(pattern, (event) -> true);
		}

		/**
		 * Wait for a committed event of a type that matches, recorded since the stimulus
		 * began.
		 * @param pattern an event type or a pattern such as {@code posts.*}
		 * @param matching what else the event must satisfy
		 * @return the first such event
		 * @throws AssertionError on timeout, listing what was recorded
		 */
		public Event andWaitForEvent(String pattern, Predicate<? super Event> matching) {
			RecordedEvents.requireValidPattern(pattern);
			Assert.notNull(matching, "matching must not be null");
			Optional<RecordedEvent> found;
			try {
				found = EventScenario.this.recorded.await(this.recordedBefore, (event) -> event.isCommitted()
						&& RecordedEvents.matches(pattern, event) && matching.test(event), this.timeout);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for a " + pattern + " event", ex);
			}
			return found.orElseThrow(() -> new AssertionError(
					"No committed " + pattern + " event that matches arrived within " + this.timeout
							+ "; recorded since the stimulus:\n" + EventDescriptions.describe(sinceStimulus())));
		}

		/**
		 * Wait for a committed event of a type, then until every durable subscriber got
		 * it. With background dispatch off (the default in tests) this delivers, in this
		 * thread, until the event is delivered or the time is up.
		 * @param pattern an event type or a pattern such as {@code posts.*}
		 * @return the event
		 * @throws AssertionError on timeout or when a delivery is dead, with the
		 * deliveries' state
		 */
		public Event andWaitForDelivery(String pattern) {
			return andWaitForDelivery(pattern, (event) -> true);
		}

		/**
		 * Wait for a committed event of a type that matches, then until every durable
		 * subscriber got it.
		 * @param pattern an event type or a pattern such as {@code posts.*}
		 * @param matching what else the event must satisfy
		 * @return the event
		 * @throws AssertionError on timeout or when a delivery is dead, with the
		 * deliveries' state
		 */
		public Event andWaitForDelivery(String pattern, Predicate<? super Event> matching) {
			long deadline = System.nanoTime() + this.timeout.toNanos();
			Event event = andWaitForEvent(pattern, matching);
			if (!delivered(event, deadline)) {
				List<DeliveryState> deliveries = EventScenario.this.deliveries.of(event.eventId());
				String why = deliveries.stream().anyMatch(DeliveryState::isDead) ? "a delivery is dead"
						: "not within " + this.timeout;
				throw new AssertionError("Event " + EventDescriptions.describe(event)
						+ " was not delivered to every durable subscriber (" + why + "); its deliveries: "
						+ (deliveries.isEmpty() ? "none recorded yet" : deliveries) + "; recorded since the stimulus:\n"
						+ EventDescriptions.describe(sinceStimulus()));
			}
			return event;
		}

		private boolean delivered(Event event, long deadline) {
			EventBus bus = EventScenario.this.bus;
			if (EventScenario.this.backgroundDispatch) {
				return bus.awaitDelivery(event.eventId(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			}
			while (true) {
				bus.drain();
				if (bus.awaitDelivery(event.eventId(), Duration.ZERO)) {
					return true;
				}
				if (System.nanoTime() >= deadline
						|| EventScenario.this.deliveries.of(event.eventId()).stream().anyMatch(DeliveryState::isDead)) {
					return false;
				}
				// a retry or a writer of another thread is not due yet
				LockSupport.parkNanos(MANUAL_DISPATCH_PAUSE.toNanos());
			}
		}

		private List<RecordedEvent> sinceStimulus() {
			List<RecordedEvent> all = EventScenario.this.recorded.snapshot();
			return all.subList(Math.min(this.recordedBefore, all.size()), all.size());
		}

	}

}
