package dev.eventstarter.dispatch;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.eventstarter.dispatch.DispatchFixtures.Recorder;
import dev.eventstarter.dispatch.OrderingQueries.OrderingBlocks;
import dev.eventstarter.store.StoredEvent;
import org.junit.jupiter.api.Test;

import static dev.eventstarter.dispatch.DispatchFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a claimed batch is planned: tasks for subscribers that are not ordered, a group per
 * batch subscriber, a chain per ordered subscriber and resource.
 */
class DeliveryPlanTests {

	private final Recorder recorder = new Recorder();

	private final DeliveryAttempt attempt = new DeliveryAttempt(dev.eventstarter.tracing.DeliveryObservation.none(),
			() -> false);

	@Test
	void eventsGoHighestPriorityFirstThenOldest() {
		DeliveryPlan plan = DeliveryPlan.of(
				List.of(event(1, "a", "1", 1), event(2, "a", "2", 9), event(3, "a", "3", 5), event(4, "a", "4", 9)),
				DispatchFixtures.subscribers(this.recorder.durable("plain")));
		assertThat(plan.events()).extracting(StoredEvent::id).containsExactly(2L, 4L, 3L, 1L);
		plan.unorderedTasks(this.attempt, new ConcurrentLinkedQueue<>()).forEach(Runnable::run);
		assertThat(this.recorder.received).containsExactly(2L, 4L, 3L, 1L);
		assertThat(plan.ordered()).isFalse();
	}

	@Test
	void anOrderedSubscriberGetsAChainPerResourceInIdOrderWhateverThePriority() {
		DeliveryPlan plan = DeliveryPlan.of(
				List.of(event(1, "a", "1", 1), event(2, "a", "1", 9), event(3, "b", "1", 5), event(4, "a", "1", 5)),
				DispatchFixtures.subscribers(this.recorder.ordered("ordered")));
		assertThat(plan.ordered()).isTrue();
		assertThat(plan.chains()).hasSize(2);
		ConcurrentLinkedQueue<DeliveryResult> results = new ConcurrentLinkedQueue<>();
		plan.chains()
			.forEach((chain) -> chain.runUpTo(Long.MAX_VALUE, OrderingBlocks.NONE, results, this.attempt::attempt));
		assertThat(this.recorder.received).containsExactly(1L, 2L, 4L, 3L);
		assertThat(plan.planned()).containsEntry(1L, 1).containsEntry(3L, 1);
	}

	@Test
	void eventsWithoutAResourceAreNotChained() {
		DeliveryPlan plan = DeliveryPlan.of(List.of(event(1, null, null, 5)),
				DispatchFixtures.subscribers(this.recorder.ordered("ordered")));
		assertThat(plan.ordered()).isFalse();
		plan.unorderedTasks(this.attempt, new ConcurrentLinkedQueue<>()).forEach(Runnable::run);
		assertThat(this.recorder.received).containsExactly(1L);
	}

	@Test
	void aBatchSubscriberGetsTheRoundInOneCall() {
		DeliveryPlan plan = DeliveryPlan.of(List.of(event(1, "a", "1"), event(2, "a", "2")),
				DispatchFixtures.subscribers(this.recorder.batch("audit"), this.recorder.durable("plain")));
		List<Runnable> tasks = plan.unorderedTasks(this.attempt, new ConcurrentLinkedQueue<>());
		assertThat(tasks).as("one per event for plain, one for the batch").hasSize(3);
		assertThat(plan.planned()).containsEntry(1L, 2).containsEntry(2L, 2);
	}

	@Test
	void aChainStopsAtTheFirstFailureAndTheRestWaits() {
		this.recorder.failOn.add(2L);
		DeliveryPlan plan = DeliveryPlan.of(List.of(event(1, "a", "1"), event(2, "a", "1"), event(3, "a", "1")),
				DispatchFixtures.subscribers(this.recorder.ordered("ordered")));
		ConcurrentLinkedQueue<DeliveryResult> results = new ConcurrentLinkedQueue<>();
		plan.chains()
			.forEach((chain) -> chain.runUpTo(Long.MAX_VALUE, OrderingBlocks.NONE, results, this.attempt::attempt));
		assertThat(results).extracting(DeliveryResult::outcome)
			.containsExactly(DeliveryResult.Outcome.SUCCEEDED, DeliveryResult.Outcome.FAILED,
					DeliveryResult.Outcome.WAITING);
	}

	@Test
	void aChainRunsOnlyUpToTheSettledIdAndLeavesTheRestWaiting() {
		DeliveryPlan plan = DeliveryPlan.of(List.of(event(1, "a", "1"), event(5, "a", "1"), event(9, "a", "1")),
				DispatchFixtures.subscribers(this.recorder.ordered("ordered")));
		OrderedChain chain = plan.chains().iterator().next();
		ConcurrentLinkedQueue<DeliveryResult> results = new ConcurrentLinkedQueue<>();
		chain.runUpTo(5, OrderingBlocks.NONE, results, this.attempt::attempt);
		assertThat(this.recorder.received).containsExactly(1L, 5L);
		assertThat(chain.nextId()).isEqualTo(9);
		assertThat(chain.leaveRest(results)).isEqualTo(9);
		assertThat(results).extracting(DeliveryResult::outcome).last().isEqualTo(DeliveryResult.Outcome.WAITING);
	}

	@Test
	void anEarlierEventOutsideTheBatchHoldsTheChainBack() {
		DeliveryPlan plan = DeliveryPlan.of(List.of(event(5, "a", "1"), event(6, "a", "1")),
				DispatchFixtures.subscribers(this.recorder.ordered("ordered")));
		OrderingBlocks blocks = new OrderingBlocks(java.util.Map.of("a/1", 3L), java.util.Map.of());
		ConcurrentLinkedQueue<DeliveryResult> results = new ConcurrentLinkedQueue<>();
		plan.chains().forEach((chain) -> chain.runUpTo(Long.MAX_VALUE, blocks, results, this.attempt::attempt));
		assertThat(this.recorder.received).isEmpty();
		assertThat(results).extracting(DeliveryResult::outcome).containsOnly(DeliveryResult.Outcome.WAITING);
	}

}
