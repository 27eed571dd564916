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
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.eventstarter.Delivery;
import dev.eventstarter.dispatch.DispatchRepository.Claim;
import dev.eventstarter.dispatch.DispatchRepository.ClaimedDelivery;
import dev.eventstarter.dispatch.DispatchRepository.DeliveryRow;
import dev.eventstarter.dispatch.DispatchRepository.DeliveryState;
import dev.eventstarter.dispatch.DispatchRepository.DeliveryUpdate;
import dev.eventstarter.dispatch.DispatchRepository.OrderingBlocks;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.StoredEvent;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.tracing.DeliveryObservation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.Assert;

/**
 * Delivers recorded events to durable subscribers, at least once.
 *
 * <p>
 * A round claims a batch of due events with a lease and commits the claim, runs the
 * handlers without holding any lock, then acknowledges the whole batch in one
 * transaction: deliveries that failed, wait behind an earlier event (ordered) or did not
 * start get a row in {@code _event_deliveries}, and the events are marked dispatched. A
 * second kind of round retries due delivery rows. A crashed dispatcher's claims expire
 * with their lease and are claimed again.
 */
public final class Dispatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private static final Comparator<StoredEvent> DISPATCH_ORDER = Comparator.comparingInt(StoredEvent::priority)
		.reversed()
		.thenComparingLong(StoredEvent::id);

	private static final Duration RETENTION_CHECK_INTERVAL = Duration.ofMinutes(10);

	private static final int RETENTION_BATCH_SIZE = 1000;

	private static final Duration SETTLING_POLL = Duration.ofMillis(20);

	private static final Duration HORIZON_WAIT = Duration.ofMillis(25);

	private static final long HORIZON_POLL_NANOS = 1_000_000;

	private static final Duration DRAIN_SETTLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration MAX_OUTAGE_BACKOFF = Duration.ofSeconds(10);

	private static final Duration LINGER_PER_EVENT = Duration.ofNanos(500_000);

	private static final Duration MAX_LINGER = Duration.ofMillis(25);

	private final DispatchRepository repository;

	private final Subscribers subscribers;

	private final RetryPolicy retryPolicy;

	private final DeliveryObservation observation;

	private final VisibilityHorizon horizon;

	private final DispatchSettings settings;

	private final Clock clock;

	private final AtomicBoolean signalled = new AtomicBoolean();

	private final Object acknowledged = new Object();

	private volatile boolean running;

	private volatile boolean stopping;

	private volatile @Nullable Thread thread;

	private @Nullable ThreadPoolTaskExecutor executor;

	private @Nullable ThreadPoolTaskExecutor acknowledger;

	// touched only by the dispatcher thread
	private @Nullable CompletableFuture<?> pendingAcknowledgement;

	private int consecutiveFailures;

	private @Nullable Instant outageSince;

	private Instant nextRetentionCheck = Instant.EPOCH;

	private final Supplier<List<RetentionTask>> retentionTasks;

	private final Queue<Abandoned> abandoned = new ConcurrentLinkedQueue<>();

	// when delivery rows may next be due: the background loop looks for them once per
	// poll
	// interval, or sooner when this instance wrote one that is due sooner, rather than
	// with a query in every round
	private final AtomicReference<Instant> nextRetryCheck = new AtomicReference<>(Instant.EPOCH);

	// the highest id whose ordered deliveries wait in delivery rows for the horizon to
	// pass it, 0 for none
	private final AtomicLong waitingForHorizon = new AtomicLong();

	private volatile long knownSettled = -1;

	/**
	 * Create a dispatcher.
	 * @param dataSource the data source holding the event tables
	 * @param platform its database
	 * @param jsonMapper reads the JSON columns
	 * @param subscribers the application's subscribers
	 * @param retryPolicy when to retry
	 * @param settings how to dispatch
	 * @param observation runs each delivery in the event's trace and context
	 * @param horizon how far ids are settled, for ordered subscribers
	 * @param retentionTasks supplies the deletions of old rows to run with the retention
	 * of events, asked once, when the first runs
	 * @param clock the clock of leases and retries
	 */
	public Dispatcher(DataSource dataSource, DatabasePlatform platform, JsonMapper jsonMapper, Subscribers subscribers,
			RetryPolicy retryPolicy, DispatchSettings settings, DeliveryObservation observation,
			VisibilityHorizon horizon, Supplier<List<RetentionTask>> retentionTasks, Clock clock) {
		this.retentionTasks = retentionTasks;
		this.repository = new DispatchRepository(dataSource, platform, jsonMapper);
		this.observation = observation;
		this.horizon = horizon;
		this.subscribers = subscribers;
		this.retryPolicy = retryPolicy;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Wake the dispatcher: events were committed.
	 */
	public void signal() {
		Thread current = this.thread;
		if (current != null && this.signalled.compareAndSet(false, true)) {
			LockSupport.unpark(current);
		}
	}

	/**
	 * Deliver everything due now in the calling thread.
	 * @return the number of deliveries made
	 */
	public int drain() {
		Assert.state(this.subscribers.isReady(), "EventBus.drain() was called before the application context "
				+ "finished starting, when not every subscriber is known yet; call it once the context is refreshed, "
				+ "for example from an ApplicationRunner");
		releaseAbandoned();
		if (this.subscribers.anyOrdered()) {
			this.horizon.awaitSettled(DRAIN_SETTLE_TIMEOUT);
		}
		int deliveries = 0;
		Round round;
		do {
			round = dispatchEvents(false).plus(dispatchRetries(false));
			deliveries += round.deliveries();
		}
		while (round.claimed() > 0);
		return deliveries;
	}

	/**
	 * Wait until an event is delivered to every durable subscriber.
	 * @param eventId the event id
	 * @param timeout the longest wait
	 * @return whether every delivery succeeded in time
	 */
	public boolean awaitDelivery(UUID eventId, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			DeliveryState state = this.repository.deliveryState(eventId);
			if (state == DeliveryState.DELIVERED) {
				return true;
			}
			long remaining = deadline - System.nanoTime();
			if (state == DeliveryState.DEAD || remaining <= 0) {
				return false;
			}
			synchronized (this.acknowledged) {
				try {
					// acknowledgements here wake us early; those of other instances are
					// polled
					this.acknowledged.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), 25)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
	}

	/**
	 * Retry an event's dead and failed deliveries now.
	 * @param eventId the event id
	 * @return whether the event exists
	 */
	public boolean retry(UUID eventId) {
		boolean exists = this.repository.retry(eventId, this.clock.instant());
		checkRetriesBy(Instant.EPOCH);
		signal();
		return exists;
	}

	/**
	 * Delete dispatched events older than the retention whose deliveries all succeeded.
	 * @return how many were deleted
	 */
	public int purgeDispatched() {
		if (this.settings.retention().isZero()) {
			return 0;
		}
		Instant cutoff = this.clock.instant().minus(this.settings.retention());
		int deleted = 0;
		int batch;
		do {
			batch = this.repository.purgeDispatched(cutoff, RETENTION_BATCH_SIZE);
			deleted += batch;
		}
		while (batch == RETENTION_BATCH_SIZE && !this.stopping);
		return deleted;
	}

	Round dispatchEvents(boolean background) {
		if (!this.subscribers.isReady()) {
			return Round.NONE;
		}
		Instant now = this.clock.instant();
		Instant leaseEnd = now.plus(this.settings.lease());
		Claim claim = this.repository.claimEvents(now, leaseEnd, this.settings.batchSize());
		if (claim.events().isEmpty()) {
			return Round.NONE;
		}
		Abandoned ifFailed = new Abandoned(leaseEnd, () -> this.repository.releaseLease(claim.lease()));
		try {
			return deliverClaimed(claim.lease(), new ArrayList<>(claim.events()), background, ifFailed);
		}
		catch (RuntimeException ex) {
			this.abandoned.add(ifFailed);
			throw ex;
		}
	}

	/**
	 * Deliver a claimed batch. Subscribers that are not ordered get every event at once.
	 * Ordered ones get the events of each resource in id order, and only once every lower
	 * id is settled, since an earlier event that commits late must not be overtaken: what
	 * is not settled yet is delivered after the others once the horizon passes it, or,
	 * when the horizon stays put (a writer stalled before its commit), left in delivery
	 * rows that the retry round takes up once it moves.
	 */
	private Round deliverClaimed(long lease, List<StoredEvent> batch, boolean background, Abandoned ifAckFails) {
		batch.sort(DISPATCH_ORDER);
		Map<Long, Integer> planned = new HashMap<>();
		List<Runnable> tasks = new ArrayList<>();
		Map<String, OrderedChain> chains = new LinkedHashMap<>();
		Map<Subscriber, List<StoredEvent>> batches = new LinkedHashMap<>();
		ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
		for (StoredEvent event : batch) {
			List<Subscriber> wanting = this.subscribers.wanting(Delivery.DURABLE, event);
			planned.put(event.id(), wanting.size());
			String orderingKey = DispatchRepository.orderingKey(event);
			for (Subscriber subscriber : wanting) {
				if (subscriber.ordered() && orderingKey != null) {
					chains
						.computeIfAbsent(subscriber.id() + " " + orderingKey,
								(key) -> new OrderedChain(subscriber, orderingKey))
						.add(event);
				}
				else if (subscriber.batched()) {
					batches.computeIfAbsent(subscriber, (key) -> new ArrayList<>()).add(event);
				}
				else {
					tasks.add(() -> results.add(attempt(subscriber, event, null)));
				}
			}
		}
		batches.forEach((subscriber, events) -> tasks.add(() -> results.addAll(attemptAll(subscriber, events))));
		Runnable renewLease = () -> this.repository.renewLease(lease, this.clock.instant().plus(this.settings.lease()));
		List<Long> batchIds = batch.stream().map(StoredEvent::id).toList();
		if (!chains.isEmpty()) {
			long settled = settledUpTo(chains.values().stream().mapToLong(OrderedChain::lastId).max().orElse(0));
			tasks.addAll(chainTasks(chains.values(), settled, batchIds, results));
		}
		run(tasks, background, renewLease);
		List<OrderedChain> unsettled = chains.values().stream().filter(OrderedChain::hasMore).toList();
		if (!unsettled.isEmpty()) {
			long settled = awaitHorizon(unsettled.stream().mapToLong(OrderedChain::lastId).max().orElse(0));
			run(chainTasks(unsettled, settled, batchIds, results), background, renewLease);
			for (OrderedChain chain : unsettled) {
				long waiting = chain.leaveRest(results);
				this.waitingForHorizon.accumulateAndGet(waiting, Math::max);
			}
		}
		ThreadPoolTaskExecutor acknowledger = this.acknowledger;
		if (background && acknowledger != null && chains.isEmpty()) {
			// the acknowledgement overlaps the next round's claim and handlers; it keeps
			// the lease until it commits, so the next claim cannot take these events
			awaitAcknowledged();
			this.pendingAcknowledgement = CompletableFuture
				.runAsync(() -> acknowledge(lease, batch, planned, results), acknowledger)
				.whenComplete((done, failure) -> {
					if (failure != null) {
						this.abandoned.add(ifAckFails);
					}
				});
		}
		else {
			acknowledge(lease, batch, planned, results);
		}
		return new Round(batch.size(), (int) results.stream().filter(Result::attempted).count());
	}

	/**
	 * The tasks that run the settled part of ordered chains, each after what holds its
	 * resource back was read: only then is that read complete.
	 */
	private List<Runnable> chainTasks(Collection<OrderedChain> chains, long settled, List<Long> batchIds,
			ConcurrentLinkedQueue<Result> results) {
		List<StoredEvent> ready = new ArrayList<>();
		for (OrderedChain chain : chains) {
			ready.addAll(chain.settledEvents(settled));
		}
		if (ready.isEmpty()) {
			return List.of();
		}
		OrderingBlocks blocks = this.repository.orderingBlocks(ready, batchIds);
		List<Runnable> tasks = new ArrayList<>();
		for (OrderedChain chain : chains) {
			if (chain.nextId() <= settled) {
				tasks.add(() -> chain.runUpTo(settled, blocks, results, this::attempt));
			}
		}
		return tasks;
	}

	/**
	 * The settled horizon, asked only when the ids in question are past what is known.
	 */
	private long settledUpTo(long id) {
		return (id <= this.knownSettled) ? this.knownSettled : settled();
	}

	private long settled() {
		long settled = this.horizon.settled();
		this.knownSettled = settled;
		return settled;
	}

	/**
	 * Wait a little for the horizon to pass an id: writers usually commit within
	 * milliseconds, and delivering now is cheaper than leaving a delivery row.
	 */
	private long awaitHorizon(long id) {
		long deadline = System.nanoTime() + HORIZON_WAIT.toNanos();
		long settled = settled();
		while (settled < id && !this.stopping && System.nanoTime() < deadline) {
			LockSupport.parkNanos(HORIZON_POLL_NANOS);
			settled = settled();
		}
		return settled;
	}

	/**
	 * Let the retry round take up ordered deliveries left waiting for the horizon, once
	 * it has passed them.
	 */
	private void checkWaitingForHorizon() {
		long waiting = this.waitingForHorizon.get();
		if (waiting > 0 && settledUpTo(waiting) >= waiting) {
			this.waitingForHorizon.compareAndSet(waiting, 0);
			checkRetriesBy(Instant.EPOCH);
		}
	}

	private void acknowledge(long lease, List<StoredEvent> batch, Map<Long, Integer> planned,
			ConcurrentLinkedQueue<Result> results) {
		Instant now = this.clock.instant();
		Map<Long, List<Result>> byEvent = new HashMap<>();
		for (Result result : results) {
			byEvent.computeIfAbsent(result.event().id(), (id) -> new ArrayList<>()).add(result);
		}
		List<Long> dispatched = new ArrayList<>();
		List<DeliveryRow> rows = new ArrayList<>();
		boolean handlersStillRunning = false;
		for (StoredEvent event : batch) {
			List<Result> eventResults = byEvent.getOrDefault(event.id(), List.of());
			if (eventResults.size() < planned.get(event.id())) {
				// a handler outlived the shutdown grace period: the lease holds its
				// event until it expires
				handlersStillRunning = true;
				continue;
			}
			if (!eventResults.isEmpty() && eventResults.stream().allMatch((r) -> r.outcome() == Outcome.NOT_STARTED)) {
				continue; // released with the lease
			}
			dispatched.add(event.id());
			for (Result result : eventResults) {
				DeliveryRow row = row(result, now);
				if (row != null) {
					rows.add(row);
				}
			}
		}
		this.repository.acknowledgeEvents(lease, !handlersStillRunning, dispatched, rows, now);
		rows.forEach((row) -> checkRetriesBy(row.nextAttemptAt()));
		if (this.subscribers.anyOrdered()) {
			// deliveries waiting behind these events, from any instance, may go now
			checkRetriesBy(now);
		}
		notifyAcknowledged();
	}

	private @Nullable DeliveryRow row(Result result, Instant now) {
		long eventId = result.event().id();
		String subscriber = result.subscriber().id();
		return switch (result.outcome()) {
			case SUCCEEDED -> null;
			case WAITING, NOT_STARTED ->
				new DeliveryRow(eventId, subscriber, DeliveryStatus.PENDING, 0, now, null, null, result.orderingKey());
			case FAILED -> {
				boolean dead = result.dead(1, this.retryPolicy);
				if (dead) {
					reportDead(result, 1);
				}
				yield new DeliveryRow(eventId, subscriber, dead ? DeliveryStatus.DEAD : DeliveryStatus.FAILED, 1,
						dead ? null : now.plus(result.delay(1, this.retryPolicy)), now, result.error(),
						result.orderingKey());
			}
		};
	}

	Round dispatchRetries(boolean background) {
		if (!this.subscribers.isReady()) {
			return Round.NONE;
		}
		Instant now = this.clock.instant();
		Instant leaseEnd = now.plus(this.settings.lease());
		this.nextRetryCheck.set(now.plus(this.settings.pollInterval()));
		long orderedUpTo = this.subscribers.anyOrdered() ? settled() : Long.MAX_VALUE;
		List<ClaimedDelivery> claims = this.repository.claimDeliveries(now, leaseEnd, this.settings.batchSize(),
				this.subscribers.durableIds(), orderedUpTo);
		if (claims.size() == this.settings.batchSize()) {
			checkRetriesBy(Instant.EPOCH);
		}
		if (claims.isEmpty()) {
			return Round.NONE;
		}
		try {
			return retryClaimed(claims, background);
		}
		catch (RuntimeException ex) {
			List<Long> ids = claims.stream().map(ClaimedDelivery::id).toList();
			this.abandoned.add(new Abandoned(leaseEnd, () -> this.repository.releaseDeliveries(ids)));
			throw ex;
		}
	}

	private Round retryClaimed(List<ClaimedDelivery> claims, boolean background) {
		Map<Long, StoredEvent> events = this.repository.events(claims.stream().map(ClaimedDelivery::eventId).toList());
		ConcurrentLinkedQueue<DeliveryUpdate> updates = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> notStarted = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
		List<Runnable> tasks = new ArrayList<>();
		for (ClaimedDelivery claim : claims) {
			Subscriber subscriber = this.subscribers.byId(claim.subscriber());
			StoredEvent event = events.get(claim.eventId());
			if (subscriber != null && event != null) {
				tasks.add(() -> {
					Result result = attempt(subscriber, event, claim.orderingKey());
					results.add(result);
					if (result.outcome() == Outcome.NOT_STARTED) {
						notStarted.add(claim.id());
					}
					else {
						updates.add(update(claim, result));
					}
				});
			}
		}
		run(tasks, background, () -> this.repository.renewDeliveries(claims.stream().map(ClaimedDelivery::id).toList(),
				this.clock.instant().plus(this.settings.lease())));
		this.repository.updateDeliveries(new ArrayList<>(updates));
		updates.forEach((update) -> checkRetriesBy(update.nextAttemptAt()));
		this.repository.releaseDeliveries(new ArrayList<>(notStarted));
		notifyAcknowledged();
		return new Round(claims.size(), (int) results.stream().filter(Result::attempted).count());
	}

	private DeliveryUpdate update(ClaimedDelivery claim, Result result) {
		Instant now = this.clock.instant();
		int attempts = claim.attempts() + 1;
		return switch (result.outcome()) {
			case SUCCEEDED -> new DeliveryUpdate(claim.id(), DeliveryStatus.SUCCEEDED, attempts, null, now, null);
			case WAITING, NOT_STARTED ->
				new DeliveryUpdate(claim.id(), DeliveryStatus.PENDING, claim.attempts(), now, null, null);
			case FAILED -> {
				boolean dead = result.dead(attempts, this.retryPolicy);
				if (dead) {
					reportDead(result, attempts);
				}
				yield new DeliveryUpdate(claim.id(), dead ? DeliveryStatus.DEAD : DeliveryStatus.FAILED, attempts,
						dead ? null : now.plus(result.delay(attempts, this.retryPolicy)), now, result.error());
			}
		};
	}

	/**
	 * Failed attempts are expected and logged at debug level; a delivery that gives up
	 * needs an operator, so it is a warning, once, in one line.
	 */
	private static void reportDead(Result result, int attempts) {
		logger.warn("Delivery of " + result.event().eventType() + " " + result.event().eventId() + " to "
				+ result.subscriber().id() + " is dead after " + attempts
				+ ((attempts == 1) ? " attempt: " : " attempts: ") + result.error()
				+ ". Retry it with POST /actuator/events/" + result.event().eventId() + " or EventBus.retry.");
	}

	private Result attempt(Subscriber subscriber, StoredEvent event, @Nullable String orderingKey) {
		if (this.stopping) {
			return new Result(event, subscriber, Outcome.NOT_STARTED, null, orderingKey);
		}
		try {
			if (subscriber.batched()) {
				subscriber.invoke(event);
			}
			else {
				this.observation.observe(subscriber.id(), Delivery.DURABLE, event, () -> subscriber.invoke(event));
			}
			return new Result(event, subscriber, Outcome.SUCCEEDED, null, orderingKey);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Delivery of " + event + " to " + subscriber.id() + " failed", ex);
			}
			return new Result(event, subscriber, Outcome.FAILED, describe(ex), orderingKey,
					(ex instanceof DeliveryFailure failure) ? failure : null);
		}
	}

	private List<Result> attemptAll(Subscriber subscriber, List<StoredEvent> events) {
		Outcome outcome;
		String error = null;
		if (this.stopping) {
			outcome = Outcome.NOT_STARTED;
		}
		else {
			try {
				subscriber.invokeAll(events);
				outcome = Outcome.SUCCEEDED;
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("Delivery of " + events.size() + " events to " + subscriber.id() + " failed", ex);
				}
				outcome = Outcome.FAILED;
				error = describe(ex);
			}
		}
		List<Result> results = new ArrayList<>(events.size());
		for (StoredEvent event : events) {
			results.add(new Result(event, subscriber, outcome, error, null));
		}
		return results;
	}

	/**
	 * Run the tasks of a round, in this thread or on the handler executor; renew the
	 * claims while they take long, and stop waiting once a shutdown's grace period ends.
	 */
	private void run(List<Runnable> tasks, boolean background, Runnable renewLeases) {
		ThreadPoolTaskExecutor executor = this.executor;
		// in the background even a single delivery runs on the executor, so that a slow
		// handler cannot keep this thread from renewing the leases
		if (!background || executor == null) {
			tasks.forEach(Runnable::run);
			return;
		}
		// a few workers take the tasks from a queue: a hand-off per worker, not per
		// delivery
		Queue<Runnable> queue = new ConcurrentLinkedQueue<>(tasks);
		Runnable worker = () -> {
			Runnable task;
			while ((task = queue.poll()) != null) {
				task.run();
			}
		};
		CompletableFuture<?>[] futures = new CompletableFuture<?>[Math.min(tasks.size(), this.settings.concurrency())];
		for (int i = 0; i < futures.length; i++) {
			futures[i] = CompletableFuture.runAsync(worker, executor);
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(futures);
		long renewEvery = Math.max(1, this.settings.lease().toMillis() / 3);
		long lastRenewal = System.nanoTime();
		Long graceEnds = null;
		while (true) {
			try {
				all.get(Math.min(renewEvery, 100), TimeUnit.MILLISECONDS);
				return;
			}
			catch (TimeoutException ex) {
				if (this.stopping) {
					graceEnds = (graceEnds != null) ? graceEnds
							: System.nanoTime() + this.settings.shutdownGracePeriod().toNanos();
					if (System.nanoTime() > graceEnds) {
						logger.warn("Event handlers still running after the shutdown grace period of "
								+ this.settings.shutdownGracePeriod() + "; their events will be delivered again");
						return;
					}
				}
				if (System.nanoTime() - lastRenewal > TimeUnit.MILLISECONDS.toNanos(renewEvery)) {
					renewLeases.run();
					lastRenewal = System.nanoTime();
				}
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("An event handler task failed", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Wait for the acknowledgement of the previous round, and fail as it failed.
	 */
	private void awaitAcknowledged() {
		CompletableFuture<?> pending = this.pendingAcknowledgement;
		if (pending == null) {
			return;
		}
		this.pendingAcknowledgement = null;
		try {
			pending.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure
					: new IllegalStateException("Acknowledging a round failed", ex.getCause());
		}
	}

	private void checkRetriesBy(@Nullable Instant due) {
		if (due != null) {
			this.nextRetryCheck.accumulateAndGet(due, (current, sooner) -> sooner.isBefore(current) ? sooner : current);
		}
	}

	private void notifyAcknowledged() {
		synchronized (this.acknowledged) {
			this.acknowledged.notifyAll();
		}
	}

	private void loop() {
		while (this.running) {
			try {
				Round events = dispatchEvents(true);
				Round round = events;
				checkWaitingForHorizon();
				if (!this.clock.instant().isBefore(this.nextRetryCheck.get())) {
					round = round.plus(dispatchRetries(true));
				}
				recovered();
				purgeWhenDue();
				if (events.claimed() > 0 && events.claimed() < this.settings.batchSize()) {
					linger(events.claimed());
				}
				else if (round.claimed() == 0) {
					awaitAcknowledged();
					if (!this.signalled.getAndSet(false)) {
						LockSupport.parkNanos(idleWait().toNanos());
						this.signalled.set(false);
					}
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				pause(ex);
			}
		}
		try {
			awaitAcknowledged();
		}
		catch (RuntimeException ex) {
			logger.debug("The last acknowledgement failed; its events will be delivered again", ex);
		}
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
		if (this.waitingForHorizon.get() > 0 && poll.compareTo(SETTLING_POLL) > 0) {
			return SETTLING_POLL;
		}
		return poll;
	}

	private void purgeWhenDue() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextRetentionCheck)) {
			return;
		}
		this.nextRetentionCheck = now.plus(RETENTION_CHECK_INTERVAL);
		if (!this.settings.retention().isZero()) {
			int deleted = purgeDispatched();
			if (deleted > 0 && logger.isDebugEnabled()) {
				logger
					.debug("Deleted " + deleted + " events dispatched more than " + this.settings.retention() + " ago");
			}
		}
		for (RetentionTask task : this.retentionTasks.get()) {
			task.run(() -> this.stopping);
		}
	}

	/**
	 * Back off after a failure, most likely an unreachable database: one warning when it
	 * starts, not a stack trace per poll.
	 */
	private void pause(RuntimeException ex) {
		this.consecutiveFailures++;
		if (this.consecutiveFailures == 1) {
			this.outageSince = this.clock.instant();
			logger.warn("Event dispatch paused: " + rootMessage(ex) + ". Retrying with backoff up to "
					+ MAX_OUTAGE_BACKOFF.toSeconds() + "s; nothing is lost meanwhile.");
			if (logger.isDebugEnabled()) {
				logger.debug("Event dispatch failure", ex);
			}
		}
		long base = this.settings.pollInterval().toMillis();
		long delay = Math.min(base << Math.min(this.consecutiveFailures - 1, 16), MAX_OUTAGE_BACKOFF.toMillis());
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(delay, 10)));
	}

	/**
	 * Give back the claims of rounds that failed, most likely in a database outage: their
	 * leases would otherwise hold the events back until they expire. A claim whose lease
	 * has expired may belong to another instance by now, and is left alone.
	 */
	private void releaseAbandoned() {
		Instant now = this.clock.instant();
		Abandoned claim;
		while ((claim = this.abandoned.peek()) != null) {
			if (now.isBefore(claim.leaseEnd())) {
				claim.release().run();
			}
			this.abandoned.poll();
		}
	}

	private void recovered() {
		releaseAbandoned();
		if (this.consecutiveFailures > 0) {
			logger.info("Event dispatch resumed after "
					+ Duration.between(this.outageSince, this.clock.instant()).toMillis() + " ms ("
					+ this.consecutiveFailures + " failed attempts)");
			this.consecutiveFailures = 0;
		}
	}

	private static String describe(Throwable failure) {
		String message = (failure instanceof DeliveryFailure) ? String.valueOf(failure.getMessage())
				: failure.getClass().getName() + ": " + failure.getMessage();
		return (message.length() > 2000) ? message.substring(0, 1999) + "…" : message;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	@Override
	public void start() {
		if (!this.settings.background() || this.running) {
			return;
		}
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(this.settings.concurrency());
		executor.setMaxPoolSize(this.settings.concurrency());
		executor.setThreadNamePrefix("events-delivery-");
		executor.setDaemon(true);
		executor.initialize();
		this.executor = executor;
		ThreadPoolTaskExecutor acknowledger = new ThreadPoolTaskExecutor();
		acknowledger.setCorePoolSize(1);
		acknowledger.setMaxPoolSize(1);
		acknowledger.setThreadNamePrefix("events-acknowledger-");
		acknowledger.setDaemon(true);
		acknowledger.initialize();
		this.acknowledger = acknowledger;
		this.stopping = false;
		this.running = true;
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
		this.stopping = true;
		this.running = false;
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
		ThreadPoolTaskExecutor executor = this.executor;
		if (executor != null) {
			executor.shutdown();
		}
		this.executor = null;
		ThreadPoolTaskExecutor acknowledger = this.acknowledger;
		if (acknowledger != null) {
			acknowledger.shutdown();
		}
		this.acknowledger = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * What one round did.
	 *
	 * @param claimed events or delivery rows claimed
	 * @param deliveries handler calls made
	 */
	record Round(int claimed, int deliveries) {

		static final Round NONE = new Round(0, 0);

		Round plus(Round other) {
			return new Round(this.claimed + other.claimed, this.deliveries + other.deliveries);
		}

	}

	private enum Outcome {

		SUCCEEDED, FAILED, WAITING, NOT_STARTED

	}

	private record Result(StoredEvent event, Subscriber subscriber, Outcome outcome, @Nullable String error,
			@Nullable String orderingKey, @Nullable DeliveryFailure failure) {

		Result(StoredEvent event, Subscriber subscriber, Outcome outcome, @Nullable String error,
				@Nullable String orderingKey) {
			this(event, subscriber, outcome, error, orderingKey, null);
		}

		boolean dead(int attempts, RetryPolicy policy) {
			return (this.failure != null && this.failure.isPermanent())
					|| attempts >= policy.maxAttempts(this.subscriber, this.event.metadata());
		}

		Duration delay(int attempts, RetryPolicy policy) {
			Duration retryAfter = (this.failure != null) ? this.failure.getRetryAfter() : null;
			return (retryAfter != null) ? policy.cap(retryAfter)
					: policy.delay(this.subscriber, this.event.metadata(), attempts);
		}

		boolean attempted() {
			return this.outcome == Outcome.SUCCEEDED || this.outcome == Outcome.FAILED;
		}

	}

	private record Abandoned(Instant leaseEnd, Runnable release) {

	}

	/**
	 * The events of one resource for one ordered subscriber, in id order, delivered one
	 * after the other until one fails or waits; the rest then wait behind it.
	 */
	private static final class OrderedChain {

		private final Subscriber subscriber;

		private final String orderingKey;

		private final List<StoredEvent> events = new ArrayList<>();

		private int next;

		private boolean held;

		OrderedChain(Subscriber subscriber, String orderingKey) {
			this.subscriber = subscriber;
			this.orderingKey = orderingKey;
		}

		void add(StoredEvent event) {
			// the batch is in dispatch order, where priority comes first
			int at = this.events.size();
			while (at > 0 && this.events.get(at - 1).id() > event.id()) {
				at--;
			}
			this.events.add(at, event);
		}

		long lastId() {
			return this.events.get(this.events.size() - 1).id();
		}

		long nextId() {
			return hasMore() ? this.events.get(this.next).id() : Long.MAX_VALUE;
		}

		boolean hasMore() {
			return this.next < this.events.size();
		}

		List<StoredEvent> settledEvents(long settled) {
			List<StoredEvent> settledEvents = new ArrayList<>();
			for (int i = this.next; i < this.events.size() && this.events.get(i).id() <= settled; i++) {
				settledEvents.add(this.events.get(i));
			}
			return settledEvents;
		}

		void runUpTo(long settled, OrderingBlocks blocks, Collection<Result> results, Attempt attempt) {
			while (hasMore() && this.events.get(this.next).id() <= settled) {
				StoredEvent event = this.events.get(this.next++);
				this.held = this.held || blocks.blocks(this.subscriber.id(), this.orderingKey, event.id());
				if (this.held) {
					results.add(new Result(event, this.subscriber, Outcome.WAITING, null, this.orderingKey));
					continue;
				}
				Result result = attempt.attempt(this.subscriber, event, this.orderingKey);
				results.add(result);
				this.held = result.outcome() != Outcome.SUCCEEDED;
			}
		}

		/**
		 * Leave the events the horizon has not passed waiting in delivery rows.
		 * @return the highest of their ids, 0 for none
		 */
		long leaveRest(Collection<Result> results) {
			long highest = 0;
			while (hasMore()) {
				StoredEvent event = this.events.get(this.next++);
				results.add(new Result(event, this.subscriber, Outcome.WAITING, null, this.orderingKey));
				highest = event.id();
			}
			return highest;
		}

	}

	@FunctionalInterface
	private interface Attempt {

		Result attempt(Subscriber subscriber, StoredEvent event, @Nullable String orderingKey);

	}

}
