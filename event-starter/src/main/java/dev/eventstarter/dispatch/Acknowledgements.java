package dev.eventstarter.dispatch;

import java.time.Clock;
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

	private final EventLeases leases;

	private final DeliveryRows rows;

	private final Consumer<Runnable> inTransaction;

	private final DeliveryOutcomes outcomes;

	private final RetrySchedule schedule;

	private final DeliveryWaits waits;

	private final Subscribers subscribers;

	private final Clock clock;

	private volatile @Nullable ThreadPoolTaskExecutor acknowledger;

	// touched only by the dispatcher's thread
	private @Nullable CompletableFuture<?> pending;

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
	void acknowledgeLater(AcknowledgedRound round, Runnable ifFailed) {
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
	 * Wait for the acknowledgement of the previous round, and fail as it failed.
	 */
	void awaitPending() {
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
				continue; // released with the lease
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
