package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventstarter.Backoff;
import dev.eventstarter.dispatch.DeliveryRows.DeliveryRow;
import dev.eventstarter.dispatch.DispatchFixtures.Recorder;
import dev.eventstarter.dispatch.OrderingQueries.OrderingBlocks;
import dev.eventstarter.store.HeldBack;
import dev.eventstarter.store.StoredEvent;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.tracing.DeliveryObservation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionTemplate;

import static dev.eventstarter.dispatch.DispatchFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round of new events against stores in memory: what is delivered, what waits and what
 * is recorded, with the settled horizon under the test's control.
 */
class EventRoundTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

	private final FakeLeases leases = new FakeLeases();

	private final FakeRows rows = new FakeRows();

	private final FakeHorizon horizon = new FakeHorizon();

	private final Recorder plain = new Recorder();

	private final Recorder ordered = new Recorder();

	@Test
	void subscribersThatAreNotOrderedDoNotWaitForTheHorizon() {
		this.horizon.settled.set(0);
		this.leases.due(event(1, "a", "1"), event(2, "a", "1"), event(3, "b", "1"));
		Round round = round(this.plain.durable("plain"), this.ordered.ordered("ordered")).run(false);
		assertThat(round).isEqualTo(new Round(3, 3));
		assertThat(this.plain.received).containsExactly(1L, 2L, 3L);
		assertThat(this.ordered.received).isEmpty();
		assertThat(this.rows.inserted).extracting(DeliveryRow::eventId).containsExactly(1L, 2L, 3L);
		assertThat(this.rows.inserted).allSatisfy((row) -> {
			assertThat(row.subscriber()).isEqualTo("ordered");
			assertThat(row.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(row.orderingKey()).isNotNull();
		});
		assertThat(this.leases.dispatched).containsExactlyInAnyOrder(1L, 2L, 3L);
		assertThat(this.leases.ended).isTrue();
	}

	@Test
	void orderedSubscribersGetSettledEventsOfEachResourceInIdOrder() {
		this.horizon.settled.set(Long.MAX_VALUE);
		this.leases.due(event(2, "a", "1", 9), event(1, "a", "1", 1), event(3, "b", "1"));
		round(this.ordered.ordered("ordered")).run(false);
		assertThat(this.ordered.received).containsSubsequence(1L, 2L).contains(3L);
		assertThat(this.rows.inserted).isEmpty();
		assertThat(this.leases.dispatched).containsExactlyInAnyOrder(1L, 2L, 3L);
	}

	@Test
	void orderedSubscribersGetWhatTheHorizonPassesDuringTheRound() {
		this.horizon.settled.set(1);
		this.horizon.afterCalls(2, 3);
		this.leases.due(event(1, "a", "1"), event(2, "a", "1"), event(3, "a", "1"));
		round(this.ordered.ordered("ordered")).run(false);
		assertThat(this.ordered.received).containsExactly(1L, 2L, 3L);
		assertThat(this.rows.inserted).isEmpty();
	}

	@Test
	void aFailedFirstAttemptIsRecordedWithItsNextAttemptAndADeadOneWithNone() {
		this.plain.failOn.add(1L);
		this.leases.due(event(1, "a", "1"));
		Subscriber once = Subscriber.durable("once", List.of("*"), 1, null, this.plain::receive);
		Subscriber twice = Subscriber.durable("twice", List.of("*"), 2, Backoff.FIXED, this.plain::receive);
		round(once, twice).run(false);
		assertThat(this.rows.inserted)
			.extracting(DeliveryRow::subscriber, DeliveryRow::status, DeliveryRow::attempts, DeliveryRow::nextAttemptAt)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("once", DeliveryStatus.DEAD, 1, null),
					org.assertj.core.groups.Tuple.tuple("twice", DeliveryStatus.FAILED, 1,
							this.clock.instant().plusSeconds(1)));
		assertThat(this.rows.inserted)
			.allSatisfy((row) -> assertThat(row.lastError()).isEqualTo("java.lang.IllegalStateException: fails on 1"));
	}

	@Test
	void anOrderedSenderGetsTheWholeRoundInOneCallWithEachResourceInIdOrder() {
		this.horizon.settled.set(Long.MAX_VALUE);
		this.leases.due(event(4, "b", "1", 9), event(2, "a", "1", 1), event(1, "a", "1"), event(5, "b", "1"),
				event(3, "a", "1", 9));
		round(this.plain.sender("kafka:posts", true)).run(false);
		assertThat(this.plain.calls).containsExactly(List.of(1L, 2L, 3L, 4L, 5L));
		assertThat(this.rows.inserted).isEmpty();
		assertThat(this.leases.dispatched).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void anEventASenderFailsHoldsBackOnlyTheLaterEventsOfItsResourceEvenThoseThatArrived() {
		this.horizon.settled.set(Long.MAX_VALUE);
		this.plain.failOn.add(2L);
		this.leases.due(event(1, "a", "1"), event(2, "a", "1"), event(3, "a", "1"), event(4, "b", "1"));
		round(this.plain.sender("kafka:posts", true)).run(false);
		assertThat(this.plain.calls).containsExactly(List.of(1L, 2L, 3L, 4L));
		assertThat(this.rows.inserted)
			.extracting(DeliveryRow::eventId, DeliveryRow::status, DeliveryRow::attempts, DeliveryRow::lastError)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(2L, DeliveryStatus.FAILED, 1,
							"java.lang.IllegalStateException: refused 2"),
					org.assertj.core.groups.Tuple.tuple(3L, DeliveryStatus.PENDING, 0, null));
		assertThat(this.rows.inserted).allSatisfy((row) -> assertThat(row.orderingKey()).isEqualTo("a/1"));
	}

	@Test
	void anUnorderedSenderFailsOnlyTheEventsItSaysFailed() {
		this.plain.failOn.add(2L);
		this.leases.due(event(1, "a", "1"), event(2, "a", "1"), event(3, "a", "1"));
		round(this.plain.sender("amqp:posts", false)).run(false);
		assertThat(this.plain.calls).hasSize(1);
		assertThat(this.plain.received).containsExactlyInAnyOrder(1L, 3L);
		assertThat(this.rows.inserted).extracting(DeliveryRow::eventId, DeliveryRow::status, DeliveryRow::orderingKey)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, DeliveryStatus.FAILED, null));
	}

	@Test
	void aSenderThatThrowsFailsTheWholeRound() {
		Subscriber broken = Subscriber.durableSender("kafka:down", List.of("*"), null, null, false, (events) -> {
			throw new IllegalStateException("no broker");
		});
		this.leases.due(event(1, "a", "1"), event(2, "b", "1"));
		round(broken).run(false);
		assertThat(this.rows.inserted).extracting(DeliveryRow::status, DeliveryRow::lastError)
			.containsOnly(org.assertj.core.groups.Tuple.tuple(DeliveryStatus.FAILED,
					"java.lang.IllegalStateException: no broker"));
		assertThat(this.rows.inserted).hasSize(2);
	}

	@Test
	void nothingDueIsNoRound() {
		assertThat(round(this.plain.durable("plain")).run(false)).isEqualTo(Round.NONE);
		assertThat(this.leases.claims).isOne();
	}

	private EventRound round(Subscriber... subscribers) {
		Subscribers registry = DispatchFixtures.subscribers(subscribers);
		DispatchSettings settings = new DispatchSettings(false, Duration.ofSeconds(1), 100, Duration.ofMinutes(1), 2,
				Duration.ofSeconds(1));
		RetryPolicy policy = new RetryPolicy(10, Backoff.EXPONENTIAL, Duration.ofSeconds(1), Duration.ofMinutes(1));
		DeliveryAttempt attempt = new DeliveryAttempt(DeliveryObservation.none(), () -> false);
		DeliveryWaits waits = new DeliveryWaits(this.rows);
		Acknowledgements acknowledgements = new Acknowledgements(this.leases, this.rows, Runnable::run,
				new DeliveryOutcomes(policy, this.clock), new RetrySchedule(settings.pollInterval()), waits, registry,
				this.clock);
		DispatchStores stores = new DispatchStores(this.leases, this.rows, (events, batch) -> OrderingBlocks.NONE,
				new NoEventRows(), new TransactionTemplate());
		return new EventRound(stores, registry, attempt,
				new DeliveryWorkers(2, settings.lease(), settings.shutdownGracePeriod(), () -> false),
				new OrderedHorizon(this.horizon, () -> false), acknowledgements, new AbandonedClaims(), settings,
				new HandOff(false, settings.lease(), settings.batchSize(), JsonMapper.shared(), this.clock,
						(events) -> {
						}),
				this.clock);
	}

	private static final class FakeLeases implements EventLeases {

		private final List<StoredEvent> due = new ArrayList<>();

		final List<Long> dispatched = new CopyOnWriteArrayList<>();

		boolean ended;

		int claims;

		void due(StoredEvent... events) {
			this.due.addAll(List.of(events));
		}

		@Override
		public Claim claim(Instant now, Instant leaseEnd, int limit) {
			this.claims++;
			if (this.due.isEmpty()) {
				return Claim.NONE;
			}
			Claim claim = new Claim(7, List.copyOf(this.due));
			this.due.clear();
			return claim;
		}

		@Override
		public void renew(long lease, Instant leaseEnd) {
		}

		@Override
		public void release(long lease) {
		}

		@Override
		public void markDispatched(long lease, boolean endLease, List<StoredEvent> events, Instant now) {
			assertThat(lease).isEqualTo(7);
			events.forEach((event) -> this.dispatched.add(event.id()));
			this.ended = endLease;
		}

	}

	private static final class FakeRows implements DeliveryRows {

		final List<DeliveryRow> inserted = new CopyOnWriteArrayList<>();

		@Override
		public void insert(List<DeliveryRow> rows) {
			this.inserted.addAll(rows);
		}

		@Override
		public List<ClaimedDelivery> claim(Instant now, Instant leaseEnd, int limit, List<String> subscribers,
				long orderedUpTo) {
			return List.of();
		}

		@Override
		public void renew(Collection<Long> ids, Instant leaseEnd) {
		}

		@Override
		public void release(Collection<Long> ids) {
		}

		@Override
		public void update(List<DeliveryUpdate> updates) {
		}

		@Override
		public boolean reschedule(UUID eventId, Instant now) {
			return false;
		}

		@Override
		public DeliveryState state(UUID eventId) {
			return DeliveryState.UNKNOWN;
		}

		@Override
		public int purge(DeliveryStatus status, Instant cutoff, int limit) {
			return 0;
		}

	}

	private static final class NoEventRows implements EventRows {

		@Override
		public Map<Long, StoredEvent> byIds(Collection<Long> ids) {
			return Map.of();
		}

		@Override
		public int purgeDispatched(Instant cutoff, int limit) {
			return 0;
		}

	}

	/**
	 * A horizon the test sets, which may move on after a number of calls.
	 */
	private static final class FakeHorizon implements VisibilityHorizon {

		final AtomicLong settled = new AtomicLong(-1);

		private int callsLeft = -1;

		private long next;

		void afterCalls(int calls, long next) {
			this.callsLeft = calls;
			this.next = next;
		}

		@Override
		public synchronized long settled() {
			if (this.callsLeft > 0 && --this.callsLeft == 0) {
				this.settled.set(this.next);
			}
			return this.settled.get();
		}

		@Override
		public boolean isSettling() {
			return false;
		}

		@Override
		public long lastAllocated() {
			return this.settled.get();
		}

		@Override
		public @Nullable HeldBack heldBack() {
			return null;
		}

	}

}
