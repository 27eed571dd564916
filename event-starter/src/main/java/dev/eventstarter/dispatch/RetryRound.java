package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.eventstarter.dispatch.DeliveryResult.Outcome;
import dev.eventstarter.dispatch.DeliveryRows.ClaimedDelivery;
import dev.eventstarter.dispatch.DeliveryRows.DeliveryUpdate;
import dev.eventstarter.store.StoredEvent;

/**
 * One round of delivery rows that are due: retries, deliveries that waited behind an
 * earlier event or for the horizon, and those an operator scheduled again. Claimed under
 * a lease of their own, attempted, and updated in one transaction.
 */
final class RetryRound {

	private final DeliveryRows rows;

	private final EventRows events;

	private final Subscribers subscribers;

	private final DeliveryAttempt attempt;

	private final DeliveryOutcomes outcomes;

	private final DeliveryWorkers workers;

	private final OrderedHorizon horizon;

	private final RetrySchedule schedule;

	private final DeliveryWaits waits;

	private final AbandonedClaims abandoned;

	private final DispatchSettings settings;

	private final Clock clock;

	RetryRound(DispatchStores stores, Subscribers subscribers, DeliveryAttempt attempt, DeliveryOutcomes outcomes,
			DeliveryWorkers workers, OrderedHorizon horizon, RetrySchedule schedule, DeliveryWaits waits,
			AbandonedClaims abandoned, DispatchSettings settings, Clock clock) {
		this.rows = stores.deliveries();
		this.events = stores.events();
		this.subscribers = subscribers;
		this.attempt = attempt;
		this.outcomes = outcomes;
		this.workers = workers;
		this.horizon = horizon;
		this.schedule = schedule;
		this.waits = waits;
		this.abandoned = abandoned;
		this.settings = settings;
		this.clock = clock;
	}

	Round run(boolean background) {
		Instant now = this.clock.instant();
		Instant leaseEnd = now.plus(this.settings.lease());
		this.schedule.checking(now);
		long orderedUpTo = this.subscribers.anyOrdered() ? this.horizon.settled() : Long.MAX_VALUE;
		List<ClaimedDelivery> claims = this.rows.claim(now, leaseEnd, this.settings.batchSize(),
				this.subscribers.durableIds(), orderedUpTo);
		if (claims.size() == this.settings.batchSize()) {
			this.schedule.checkNow();
		}
		if (claims.isEmpty()) {
			return Round.NONE;
		}
		try {
			return retry(claims, background);
		}
		catch (RuntimeException ex) {
			List<Long> ids = claims.stream().map(ClaimedDelivery::id).toList();
			this.abandoned.add(leaseEnd, () -> this.rows.release(ids));
			throw ex;
		}
	}

	private Round retry(List<ClaimedDelivery> claims, boolean background) {
		Map<Long, StoredEvent> claimedEvents = this.events
			.byIds(claims.stream().map(ClaimedDelivery::eventId).toList());
		Collection<DeliveryUpdate> updates = new ConcurrentLinkedQueue<>();
		Collection<Long> notStarted = new ConcurrentLinkedQueue<>();
		Collection<DeliveryResult> results = new ConcurrentLinkedQueue<>();
		List<Runnable> tasks = new ArrayList<>();
		// a batch subscriber (a broker route) takes its retries in one call too
		Map<Subscriber, Map<Long, ClaimedDelivery>> batched = new LinkedHashMap<>();
		for (ClaimedDelivery claim : claims) {
			Subscriber subscriber = this.subscribers.byId(claim.subscriber());
			StoredEvent event = claimedEvents.get(claim.eventId());
			if (subscriber == null || event == null) {
				continue;
			}
			if (subscriber.batched()) {
				batched.computeIfAbsent(subscriber, (key) -> new LinkedHashMap<>()).put(event.id(), claim);
				continue;
			}
			tasks.add(() -> record(claim, this.attempt.attempt(subscriber, event, claim.orderingKey()), results,
					updates, notStarted));
		}
		batched.forEach((subscriber, byEvent) -> tasks.add(() -> {
			List<StoredEvent> events = byEvent.keySet().stream().sorted().map(claimedEvents::get).toList();
			for (DeliveryResult result : this.attempt.attemptAll(subscriber, events)) {
				ClaimedDelivery claim = byEvent.get(result.event().id());
				if (claim != null) {
					record(claim, result, results, updates, notStarted);
				}
			}
		}));
		List<Long> ids = claims.stream().map(ClaimedDelivery::id).toList();
		this.workers.run(tasks, background,
				() -> this.rows.renew(ids, this.clock.instant().plus(this.settings.lease())), null);
		this.rows.update(new ArrayList<>(updates));
		updates.forEach((update) -> this.schedule.checkBy(update.nextAttemptAt()));
		this.rows.release(new ArrayList<>(notStarted));
		this.waits.acknowledged();
		return new Round(claims.size(), (int) results.stream().filter(DeliveryResult::attempted).count());
	}

	private void record(ClaimedDelivery claim, DeliveryResult result, Collection<DeliveryResult> results,
			Collection<DeliveryUpdate> updates, Collection<Long> notStarted) {
		results.add(result);
		if (result.outcome() == Outcome.NOT_STARTED) {
			notStarted.add(claim.id());
		}
		else {
			updates.add(this.outcomes.laterAttempt(claim, result));
		}
	}

}
