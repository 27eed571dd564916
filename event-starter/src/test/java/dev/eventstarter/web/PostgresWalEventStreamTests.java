package dev.eventstarter.web;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.eventstarter.store.PendingEvent;
import dev.eventstarter.store.WalEventWriter;
import dev.eventstarter.store.WalSlot;
import dev.eventstarter.test.PostgresTestConfiguration;
import dev.eventstarter.web.SseClient.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@Import(PostgresTestConfiguration.class)
@TestPropertySource(properties = "events.store.mode=wal")
class PostgresWalEventStreamTests extends EventStreamContractTests {

	@Autowired
	WalSlot slot;

	/**
	 * In the WAL mode ids are given in commit order: the transaction that wrote first but
	 * committed last gets the higher id, and the stream needs no horizon.
	 */
	@Test
	@Override
	void anIdThatCommitsAfterALaterOneIsNotSkipped() throws Exception {
		SseClient client = connect("/events/stream?types=sse.order.*");
		try (Connection early = this.dataSource.getConnection(); Connection late = this.dataSource.getConnection()) {
			early.setAutoCommit(false);
			late.setAutoCommit(false);
			emit(early, "sse.order.early");
			emit(late, "sse.order.late");
			late.commit();
			Frame first = client.next(Duration.ofSeconds(10));
			assertThat(first.event()).isEqualTo("sse.order.late");
			early.commit();
			Frame second = client.next(Duration.ofSeconds(10));
			assertThat(second.event()).isEqualTo("sse.order.early");
			assertThat(second.eventId()).isGreaterThan(first.eventId());
			SseClient resumed = connect("/events/stream?types=sse.order.*", "Last-Event-ID",
					Long.toString(second.eventId()));
			this.bus.emit("sse.order.next", 1);
			assertThat(resumed.next(Duration.ofSeconds(10)).event()).isEqualTo("sse.order.next");
		}
	}

	@Override
	long insert(Connection connection, String type) {
		throw new UnsupportedOperationException("in the WAL mode only the relay inserts");
	}

	private void emit(Connection connection, String type) throws Exception {
		Instant now = Instant.now();
		new WalEventWriter(this.slot.prefix()).insert(connection, List.of(new PendingEvent(UUID.randomUUID(), type,
				null, null, now, now, 5, null, "test", "{}", null, null, UUID.randomUUID(), null)));
	}

}
