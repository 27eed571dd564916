package dev.eventstarter.dispatch;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InlineRoundsTests {

	private final InlineRounds rounds = new InlineRounds();

	@Test
	void aLoneDeliveryAlwaysRunsInline() {
		run(1, 20_000_000);
		assertThat(this.rounds.inline(1)).isTrue();
		assertThat(this.rounds.inline(0)).isTrue();
	}

	@Test
	void cheapDeliveriesRunInlineUntilTheyWouldExceedTheBudget() {
		run(8, 3_200_000);
		// the average moves an eighth of the way from nothing: at least 400 µs a
		// delivery, and at most 1 ms unless the machine stalled
		assertThat(this.rounds.inline(2)).isTrue();
		assertThat(this.rounds.inline(6)).isFalse();
	}

	@Test
	void neverMoreThanEightDeliveriesInline() {
		assertThat(this.rounds.inline(8)).isTrue();
		assertThat(this.rounds.inline(9)).isFalse();
	}

	@Test
	void aSlowRoundSendsTheNextToTheWorkersAndCheapRoundsBringThemBack() {
		run(3, 50_000_000);
		assertThat(this.rounds.inline(2)).isFalse();
		for (int i = 0; i < 60; i++) {
			run(2, 0);
		}
		assertThat(this.rounds.inline(2)).isTrue();
	}

	private void run(int tasks, long nanosEach) {
		Runnable task = () -> {
			long until = System.nanoTime() + nanosEach;
			while (System.nanoTime() < until) {
				LockSupport.parkNanos(until - System.nanoTime());
			}
		};
		this.rounds.timed(Collections.nCopies(tasks, task)).forEach(Runnable::run);
		this.rounds.ran(tasks);
	}

}
