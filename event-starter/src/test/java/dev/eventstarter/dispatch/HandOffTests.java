package dev.eventstarter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.eventstarter.store.PendingEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the hand-off lets writers hold, and what it passes on: only a committed
 * transaction's events, only while a dispatcher runs and keeps up.
 */
class HandOffTests {

	private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	private final List<Long> givenBack = new ArrayList<>();

	private final HandOff handOff = new HandOff(true, Duration.ofSeconds(30), 3, JsonMapper.shared(),
			Clock.fixed(NOW, ZoneOffset.UTC), (events) -> events.forEach((event) -> this.givenBack.add(event.id())));

	@Test
	void nothingIsHeldUntilTheDispatcherRuns() {
		assertThat(this.handOff.holdUntil()).isNull();
		this.handOff.open();
		assertThat(this.handOff.holdUntil()).isEqualTo(NOW.plusSeconds(30));
	}

	@Test
	void aDisabledHandOffNeverOpens() {
		HandOff disabled = new HandOff(false, Duration.ofSeconds(30), 3, JsonMapper.shared(),
				Clock.fixed(NOW, ZoneOffset.UTC), (events) -> {
				});
		disabled.open();
		assertThat(disabled.holdUntil()).isNull();
	}

	@Test
	void aCommittedTransactionsEventsAreHandedOverWithTheirIds() {
		this.handOff.open();
		List<PendingEvent> events = transaction(2);
		this.handOff.written(events, new long[] { 7, 8 }, NOW.plusSeconds(30));
		assertThat(this.handOff.committed(events)).isTrue();
		assertThat(this.handOff.take(10)).extracting((held) -> held.event().id()).containsExactly(7L, 8L);
	}

	@Test
	void aRolledBackTransactionLeavesNothing() {
		this.handOff.open();
		List<PendingEvent> events = transaction(1);
		this.handOff.written(events, new long[] { 7 }, NOW.plusSeconds(30));
		this.handOff.discard();
		assertThat(this.handOff.committed(events)).isFalse();
		assertThat(this.handOff.take(10)).isEmpty();
	}

	@Test
	void anotherTransactionsCommitDoesNotTakeWhatWasWritten() {
		this.handOff.open();
		this.handOff.written(transaction(1), new long[] { 7 }, NOW.plusSeconds(30));
		assertThat(this.handOff.committed(transaction(1))).isFalse();
		assertThat(this.handOff.take(10)).isEmpty();
	}

	@Test
	void writersStopHoldingOnceMoreThanARoundWaits() {
		this.handOff.open();
		List<PendingEvent> events = transaction(3);
		this.handOff.written(events, new long[] { 1, 2, 3 }, NOW.plusSeconds(30));
		this.handOff.committed(events);
		assertThat(this.handOff.holdUntil()).as("the dispatcher is behind: claims take over").isNull();
		assertThat(this.handOff.take(2)).hasSize(2);
		assertThat(this.handOff.holdUntil()).isNotNull();
	}

	@Test
	void closingGivesBackWhatWaitsAndWhatCommitsLater() {
		this.handOff.open();
		List<PendingEvent> events = transaction(2);
		this.handOff.written(events, new long[] { 1, 2 }, NOW.plusSeconds(30));
		this.handOff.committed(events);
		List<PendingEvent> straddling = transaction(1);
		this.handOff.written(straddling, new long[] { 3 }, NOW.plusSeconds(30));
		this.handOff.close();
		assertThat(this.givenBack).containsExactly(1L, 2L);
		assertThat(this.handOff.holdUntil()).isNull();
		assertThat(this.handOff.committed(straddling)).as("held while the dispatcher ran, committed after").isFalse();
		assertThat(this.givenBack).containsExactly(1L, 2L, 3L);
		assertThat(this.handOff.take(10)).isEmpty();
	}

	private static List<PendingEvent> transaction(int events) {
		UUID transactionId = UUID.randomUUID();
		return IntStream.range(0, events)
			.mapToObj((i) -> new PendingEvent(UUID.randomUUID(), "test.handed", null, null, NOW, NOW, 5, null, null,
					"{}", null, null, transactionId, null))
			.toList();
	}

}
