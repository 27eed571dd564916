package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import dev.eventstarter.dispatch.Acknowledgements.AcknowledgedRound;
import dev.eventstarter.dispatch.EventLeases.Claim;
import dev.eventstarter.dispatch.OrderingQueries.OrderingBlocks;
import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

/**
 * One round of new events: claim a batch under a lease and commit the claim, deliver it
 * without holding any lock, then acknowledge it.
 *
 * <p>
 * Subscribers that are not ordered get every event at once. Ordered ones get the events
 * of each resource in id order, and only once every lower id is settled, since an earlier
 * event that commits late must not be overtaken: what is not settled yet is delivered
 * after the others once the horizon passes it, or, when the horizon stays put (a writer
 * stalled before its commit), left in delivery rows that the retry round takes up once it
 * moves.
 */
final class EventRound {

	private static final Comparator<StoredEvent> BY_PRIORITY_AND_ID = Comparator.comparingInt(StoredEvent::priority)
		.reversed()
		.thenComparingLong(StoredEvent::id);

	private final EventLeases leases;

	private final OrderingQueries ordering;

	private final Subscribers subscribers;

	private final DeliveryAttempt attempt;

	private final DeliveryWorkers workers;

	private final OrderedHorizon horizon;

	private final Acknowledgements acknowledgements;

	private final AbandonedClaims abandoned;

	private final DispatchSettings settings;

	private final HandOff handOff;

	private final Clock clock;

	// the claim of the next round, made while this one delivered: touched only by the
	// dispatcher's thread
	private @Nullable Claimed next;

	private @Nullable RuntimeException nextFailure;

	// the hand-off's rounds: which of them its thread delivers itself
	private final InlineRounds inline = new InlineRounds();

	EventRound(DispatchStores stores, Subscribers subscribers, DeliveryAttempt attempt, DeliveryWorkers workers,
			OrderedHorizon horizon, Acknowledgements acknowledgements, AbandonedClaims abandoned,
			DispatchSettings settings, HandOff handOff, Clock clock) {
		this.leases = stores.leases();
		this.handOff = handOff;
		this.ordering = stores.ordering();
		this.subscribers = subscribers;
		this.attempt = attempt;
		this.workers = workers;
		this.horizon = horizon;
		this.acknowledgements = acknowledgements;
		this.abandoned = abandoned;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Run a round.
	 * @param background whether the dispatcher's thread runs it, acknowledging while the
	 * next round runs
	 * @return what it did
	 */
	Round run(boolean background) {
		Claimed claimed = background ? takeNext() : null;
		if (claimed == null) {
			claimed = claim();
		}
		if (claimed.claim().events().isEmpty()) {
			return Round.NONE;
		}
		Instant leaseEnd = claimed.leaseEnd();
		long lease = claimed.claim().lease();
		Runnable abandon = () -> this.abandoned.add(leaseEnd, () -> this.leases.release(lease));
		Runnable renew = () -> this.leases.renew(lease, this.clock.instant().plus(this.settings.lease()));
		try {
			return deliver(claimed.claim(), background, false, abandon, renew);
		}
		catch (RuntimeException ex) {
			abandon.run();
			throw ex;
		}
	}

	/**
	 * Run a round of the events this instance committed and handed over in memory, in the
	 * calling thread (a drain).
	 * @return what it did
	 */
	Round runHandedOff() {
		return deliverHandedOff(this.handOff.take(this.settings.batchSize()), false, (renew) -> {
		});
	}

	/**
	 * Deliver events handed over in memory: no claim, since their work list rows are held
	 * for this instance. Those whose hold is half gone (slow handlers held them up) are
	 * given back to any dispatcher instead.
	 * @param taken the events
	 * @param gather whether to acknowledge them with the rounds that follow (the hand-off
	 * thread) rather than at once
	 * @param inFlight told how to renew the hold while the handlers run, then
	 * {@code null} once they are done
	 * @return what it did
	 */
	Round deliverHandedOff(List<HandOff.Held> taken, boolean gather, Consumer<@Nullable Runnable> inFlight) {
		if (taken.isEmpty()) {
			return Round.NONE;
		}
		Instant now = this.clock.instant();
		Duration margin = this.settings.lease().dividedBy(2);
		List<StoredEvent> events = new ArrayList<>(taken.size());
		List<StoredEvent> late = new ArrayList<>();
		Instant heldUntil = Instant.MAX;
		for (HandOff.Held held : taken) {
			if (now.isAfter(held.heldUntil().minus(margin))) {
				late.add(held.event());
			}
			else {
				events.add(held.event());
				heldUntil = held.heldUntil().isBefore(heldUntil) ? held.heldUntil() : heldUntil;
			}
		}
		if (!late.isEmpty()) {
			this.leases.hold(late, now);
		}
		if (events.isEmpty()) {
			return Round.NONE;
		}
		// the order a claim would give them
		events.sort(BY_PRIORITY_AND_ID);
		Instant holdEnd = heldUntil;
		Runnable abandon = () -> this.abandoned.add(holdEnd, () -> this.leases.hold(events, this.clock.instant()));
		Runnable renew = () -> this.leases.hold(events, this.clock.instant().plus(this.settings.lease()));
		inFlight.accept(renew);
		try {
			return deliver(new Claim(EventLeases.NO_LEASE, events), false, gather, abandon, renew);
		}
		catch (RuntimeException ex) {
			abandon.run();
			throw ex;
		}
		finally {
			inFlight.accept(null);
		}
	}

	/**
	 * Give back the claim made for a next round that will not run: the dispatcher stops.
	 */
	void releaseNext() {
		Claimed next = this.next;
		this.next = null;
		this.nextFailure = null;
		if (next != null && !next.claim().events().isEmpty()) {
			this.leases.release(next.claim().lease());
		}
	}

	private Claimed claim() {
		Instant now = this.clock.instant();
		Instant leaseEnd = now.plus(this.settings.lease());
		return new Claimed(this.leases.claim(now, leaseEnd, this.settings.batchSize()), leaseEnd);
	}

	/**
	 * Claim the next round while the workers deliver a full one: a backlog then costs the
	 * longer of the claim and the delivery per round, not their sum. A failed claim fails
	 * the next round, as if it had been made then.
	 */
	private void claimNext() {
		try {
			this.next = claim();
		}
		catch (RuntimeException ex) {
			this.nextFailure = ex;
		}
	}

	/**
	 * The claim made while the last round delivered, unless half its lease has gone by
	 * (slow handlers held the last round up): then it is given back, since it is not
	 * renewed until it delivers.
	 */
	private @Nullable Claimed takeNext() {
		Claimed next = this.next;
		RuntimeException failure = this.nextFailure;
		this.next = null;
		this.nextFailure = null;
		if (failure != null) {
			throw failure;
		}
		if (next != null && this.clock.instant().isAfter(next.leaseEnd().minus(this.settings.lease().dividedBy(2)))) {
			if (!next.claim().events().isEmpty()) {
				this.leases.release(next.claim().lease());
			}
			return null;
		}
		return next;
	}

	private Round deliver(Claim claim, boolean background, boolean gather, Runnable abandon, Runnable renew) {
		DeliveryPlan plan = DeliveryPlan.of(claim.events(), this.subscribers);
		Collection<DeliveryResult> results = new ConcurrentLinkedQueue<>();
		List<Runnable> tasks = new ArrayList<>(plan.unorderedTasks(this.attempt, results));
		if (plan.ordered()) {
			long settled = this.horizon
				.settledUpTo(plan.chains().stream().mapToLong(OrderedChain::lastId).max().orElse(0));
			tasks.addAll(chainTasks(plan.chains(), settled, plan.eventIds(), results));
		}
		boolean full = claim.events().size() >= this.settings.batchSize();
		boolean parallel = background || (gather && !this.inline.inline(tasks.size()));
		this.workers.run(gather ? this.inline.timed(tasks) : tasks, parallel, renew,
				(background && full) ? this::claimNext : null);
		if (gather) {
			this.inline.ran(tasks.size());
		}
		List<OrderedChain> unsettled = plan.chains().stream().filter(OrderedChain::hasMore).toList();
		if (!unsettled.isEmpty()) {
			long settled = this.horizon.await(unsettled.stream().mapToLong(OrderedChain::lastId).max().orElse(0));
			this.workers.run(chainTasks(unsettled, settled, plan.eventIds(), results), parallel, renew, null);
			unsettled.forEach((chain) -> this.horizon.leftWaiting(chain.leaveRest(results)));
		}
		AcknowledgedRound round = new AcknowledgedRound(claim.lease(), plan.events(), plan.planned(), results);
		if (gather && !plan.ordered()) {
			this.acknowledgements.acknowledgeGathered(round, abandon);
		}
		else if (background && !plan.ordered()) {
			this.acknowledgements.acknowledgeLater(round, abandon);
		}
		else {
			this.acknowledgements.acknowledge(round);
		}
		return new Round(plan.events().size(), (int) results.stream().filter(DeliveryResult::attempted).count());
	}

	/**
	 * The tasks that run the settled part of ordered chains, each after what holds its
	 * resource back was read: only then is that read complete.
	 */
	private List<Runnable> chainTasks(Collection<OrderedChain> chains, long settled, List<Long> batch,
			Collection<DeliveryResult> results) {
		List<StoredEvent> ready = new ArrayList<>();
		for (OrderedChain chain : chains) {
			ready.addAll(chain.settledEvents(settled));
		}
		if (ready.isEmpty()) {
			return List.of();
		}
		OrderingBlocks blocks = this.ordering.blocks(ready, batch);
		List<Runnable> tasks = new ArrayList<>();
		Map<Subscriber, List<OrderedChain>> batched = new LinkedHashMap<>();
		for (OrderedChain chain : chains) {
			if (chain.nextId() > settled) {
				continue;
			}
			if (chain.subscriber().batched()) {
				batched.computeIfAbsent(chain.subscriber(), (key) -> new ArrayList<>()).add(chain);
			}
			else {
				tasks.add(() -> chain.runUpTo(settled, blocks, results, this.attempt::attempt));
			}
		}
		batched.forEach((subscriber, subscriberChains) -> tasks
			.add(() -> runTogether(subscriber, subscriberChains, settled, blocks, results)));
		return tasks;
	}

	/**
	 * The settled part of a batch subscriber's chains in one call, so that a broker route
	 * sends a whole round before it waits for the confirmations.
	 */
	private void runTogether(Subscriber subscriber, List<OrderedChain> chains, long settled, OrderingBlocks blocks,
			Collection<DeliveryResult> results) {
		Map<OrderedChain, List<StoredEvent>> taken = new LinkedHashMap<>();
		List<StoredEvent> events = new ArrayList<>();
		for (OrderedChain chain : chains) {
			List<StoredEvent> chainEvents = chain.takeUpTo(settled, blocks, results);
			taken.put(chain, chainEvents);
			events.addAll(chainEvents);
		}
		if (events.isEmpty()) {
			return;
		}
		// id order keeps each resource's events in order across the chains
		events.sort(Comparator.comparingLong(StoredEvent::id));
		Map<Long, DeliveryResult> outcomes = new HashMap<>();
		for (DeliveryResult result : this.attempt.attemptAll(subscriber, events)) {
			outcomes.put(result.event().id(), result);
		}
		taken.forEach((chain, chainEvents) -> chain.record(chainEvents, outcomes, results));
	}

	/**
	 * A claim and when its lease ends.
	 */
	private record Claimed(Claim claim, Instant leaseEnd) {

	}

}
