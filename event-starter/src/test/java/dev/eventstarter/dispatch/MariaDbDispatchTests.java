package dev.eventstarter.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.eventstarter.test.MariaDbTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = "events.jdbc.initialize-schema=always")
class MariaDbDispatchTests extends DispatchContractTests {

	@Test
	void expiredLeaseOfACrashedDispatcherIsClaimedAgain() {
		UUID eventId = this.bus.emit("leased.x", 1);
		// what a dispatcher that crashed after claiming leaves behind
		this.jdbc.sql("""
				insert into _event_leases (id, event_ids, leased_until)
				select 42, json_array(id), ? from _events where event_id = ?""")
			.params(LocalDateTime.ofInstant(Instant.now().plusMillis(500), ZoneOffset.UTC), eventId.toString())
			.update();
		assertThat(this.bus.drain()).isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.bus.drain() > 0);
		assertThat(types("everything")).containsExactly("leased.x");
		assertThat(this.bus.awaitDelivery(eventId, Duration.ZERO)).isTrue();
		assertThat(this.jdbc.sql("select count(*) from _event_leases").query(Integer.class).single())
			.as("the expired lease is cleaned up")
			.isZero();
	}

}
