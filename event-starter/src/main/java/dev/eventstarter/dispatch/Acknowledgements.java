package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import dev.eventstarter.dispatch.DeliveryResult.Outcome;
import dev.eventstarter.dispatch.DeliveryRows.DeliveryRow;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Acknowledges the rounds of events in one transaction each: deliveries that failed, wait
 * or did not start get a row, the events are marked dispatched and the lease ends, unless
 * handlers outlived a shutdown, whose events the lease then holds until it expires. In
 * the background an acknowledgement overlaps the next round.
 */
final class Acknowledgements {

	private static final Duration GATHERING = Duration.ofMillis(25);

	private final EventLeases leases;

	private final DeliveryRows rows;

	private final Consumer<Runnable> inTransaction;

	private final DeliveryOutcomes outcomes;

	private final RetrySchedule schedule;

	private final DeliveryWaits waits;

	private final Subscribers subscribers;

	private final Clock clock;

	private volatile @Nullable ThreadPoolTaskExecutor acknowledger;

	// guarded by this: the dispatcher's thread and the hand-off's both acknowledge, one
	// acknowledgement at a time, and the hand-off's rounds are gathered
	private @Nullable CompletableFuture<?> pending;

	private final List<AcknowledgedRound> gathered = new ArrayList<>();

	private final List<Runnable> gatheredFailures = new ArrayList<>();

	private int gatheredEvents;

	private long gatheredSince;

	Acknowledgements(EventLeases leases, DeliveryRows rows, Consumer<Runnable> inTransaction, DeliveryOutcomes outcomes,
			RetrySchedule schedule, DeliveryWaits waits, Subscribers subscribers, Clock clock) {
		this.leases = leases;
		this.rows = rows;
		this.inTransaction = inTransaction;
		this.outcomes = outcomes;
		this.schedule = schedule;
		this.waits = waits;
		this.subscribers = subscribers;
		this.clock = clock;
	}

	void start() {
		ThreadPoolTaskExecutor acknowledger = new ThreadPoolTaskExecutor();
		acknowledger.setCorePoolSize(1);
		acknowledger.setMaxPoolSize(1);
		acknowledger.setThreadNamePrefix("events-acknowledger-");
		acknowledger.setDaemon(true);
		acknowledger.initialize();
		this.acknowledger = acknowledger;
	}

	void stop() {
		ThreadPoolTaskExecutor acknowledger = this.acknowledger;
		this.acknowledger = null;
		if (acknowledger != null) {
			acknowledger.shutdown();
		}
	}

	/**
	 * Acknowledge a round once the previous one is, on the acknowledger's thread when
	 * there is one: it keeps the lease until it commits, so the next claim cannot take
	 * these events.
	 * @param ifFailed gives the claim back when the acknowledgement fails
	 */
	synchronized void acknowledgeLater(AcknowledgedRound round, Runnable ifFailed) {
		ThreadPoolTaskExecutor acknowledger = this.acknowledger;
		if (acknowledger == null) {
			acknowledge(round);
			return;
		}
		awaitPending();
		this.pending = CompletableFuture.runAsync(() -> acknowledge(round), acknowledger)
			.whenComplete((done, failure) -> {
				if (failure != null) {
					ifFailed.run();
				}
			});
	}

	/**
	 * Acknowledge a round of events handed over in memory together with the rounds that
	 * follow it closely: such rounds are as small as the commits come, and acknowledging
	 * each on its own would cost the database a commit per round. Only in the background;
	 * see {@link #gatheredDueIn()} for when they go.
	 * @param ifFailed gives the events back when the acknowledgement fails
	 */
	synchronized void acknowledgeGathered(AcknowledgedRound round, Runnable ifFailed) {
		if (this.acknowledger == null) {
			acknowledge(round);
			return;
		}
		if (this.gathered.isEmpty()) {
			this.gatheredSince = System.nanoTime();
		}
		this.gathered.add(round);
		this.gatheredFailures.add(ifFailed);
		this.gatheredEvents += round.events().size();
	}

	/**
	 * How long until the gathered rounds are to be acknowledged: 25 ms after the first,
	 * so that one acknowledgement covers every round of that time even at a few hundred
	 * events a second, where acknowledging each round had cost the database a commit per
	 * event; at once when a batch gathered, or when a caller awaits a delivery, which an
	 * acknowledgement ends.
	 * @param batchSize the events that make them due at once
	 * @return nanoseconds, zero when due, negative when nothing is gathered
	 */
	synchronized long gatheredDueIn(int batchSize) {
		if (this.gathered.isEmpty()) {
			return -1;
		}
		if (this.gatheredEvents >= batchSize || this.waits.anyWaiting()) {
			return 0;
		}
		return Math.max(0, this.gatheredSince + GATHERING.toNanos() - System.nanoTime());
	}

	/**
	 * Acknowledge the gathered rounds as one, in the background.
	 */
	synchronized void flushGathered() {
		if (this.gathered.isEmpty()) {
			return;
		}
		Map<Long, Integer> planned = new HashMap<>();
		List<StoredEvent> events = new ArrayList<>(this.gatheredEvents);
		List<DeliveryResult> results = new ArrayList<>();
		for (AcknowledgedRound round : this.gathered) {
			events.addAll(round.events());
			planned.putAll(round.planned());
			results.addAll(round.results());
		}
		List<Runnable> failures = List.copyOf(this.gatheredFailures);
		this.gathered.clear();
		this.gatheredFailures.clear();
		this.gatheredEvents = 0;
		acknowledgeLater(new AcknowledgedRound(EventLeases.NO_LEASE, events, planned, results),
				() -> failures.forEach(Runnable::run));
	}

	/**
	 * Acknowledge what is gathered, wait for every acknowledgement, and fail as the last
	 * one failed.
	 */
	synchronized void flushAndAwait() {
		flushGathered();
		awaitPending();
	}

	/**
	 * Wait for the acknowledgement of the previous round, and fail as it failed.
	 */
	synchronized void awaitPending() {
		CompletableFuture<?> pending = this.pending;
		if (pending == null) {
			return;
		}
		this.pending = null;
		try {
			pending.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure
					: new IllegalStateException("Acknowledging a round failed", ex.getCause());
		}
	}

	void acknowledge(AcknowledgedRound round) {
		Instant now = this.clock.instant();
		Map<Long, List<DeliveryResult>> byEvent = new HashMap<>();
		for (DeliveryResult result : round.results()) {
			byEvent.computeIfAbsent(result.event().id(), (id) -> new ArrayList<>()).add(result);
		}
		List<StoredEvent> dispatched = new ArrayList<>();
		List<DeliveryRow> rows = new ArrayList<>();
		List<StoredEvent> notStarted = new ArrayList<>();
		boolean handlersStillRunning = false;
		for (StoredEvent event : round.events()) {
			List<DeliveryResult> results = byEvent.getOrDefault(event.id(), List.of());
			if (results.size() < round.planned().getOrDefault(event.id(), 0)) {
				// a handler outlived the shutdown grace period: the lease holds its event
				// until it expires
				handlersStillRunning = true;
				continue;
			}
			if (!results.isEmpty() && results.stream().allMatch((r) -> r.outcome() == Outcome.NOT_STARTED)) {
				notStarted.add(event); // released with the lease
				continue;
			}
			dispatched.add(event);
			for (DeliveryResult result : results) {
				DeliveryRow row = this.outcomes.firstAttempt(result, now);
				if (row != null) {
					rows.add(row);
				}
			}
		}
		boolean endLease = !handlersStillRunning;
		if (rows.isEmpty()) {
			// one statement is a transaction of its own: the usual round, where every
			// delivery succeeded, costs one round trip
			this.leases.markDispatched(round.lease(), endLease, dispatched, now);
		}
		else {
			this.inTransaction.accept(() -> {
				this.rows.insert(rows);
				this.leases.markDispatched(round.lease(), endLease, dispatched, now);
			});
		}
		if (round.lease() == EventLeases.NO_LEASE && !notStarted.isEmpty()) {
			// handed over without a lease: their rows are held, and given back here
			this.leases.hold(notStarted, now);
		}
		this.leases.acknowledged(round.lease(), endLease);
		rows.forEach((row) -> this.schedule.checkBy(row.nextAttemptAt()));
		if (this.subscribers.anyOrdered()) {
			// deliveries waiting behind these events, from any instance, may go now
			this.schedule.checkBy(now);
		}
		this.waits.acknowledged();
	}

	/**
	 * A round to acknowledge.
	 *
	 * @param lease the lease of its events
	 * @param events the events claimed
	 * @param planned by event id, how many deliveries it has
	 * @param results how the deliveries went
	 */
	record AcknowledgedRound(long lease, List<StoredEvent> events, Map<Long, Integer> planned,
			Collection<DeliveryResult> results) {

	}

}
