package dev.eventstarter.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.EventBus;
import dev.eventstarter.test.app.Reminders;
import dev.eventstarter.test.app.Shipping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Retries and delays made due by the clock, delivered by drain(): no sleep anywhere.
 */
@SpringBootTest(properties = { "events.delivery.initial-delay=10s", "events.delivery.max-delay=1m" })
class TimeUnderControlTests {

	@Autowired
	EventBus bus;

	@Autowired
	SettableClock clock;

	@Autowired
	EventDeliveries deliveries;

	@Autowired
	Shipping shipping;

	@Autowired
	Reminders reminders;

	@Autowired
	RecordedEvents recorded;

	@AfterEach
	void carrierBackUp() {
		this.shipping.carrierUp(true);
	}

	@Test
	void aRetryComesDueWhenTheClockPassesItsBackoff() {
		this.shipping.carrierUp(false);
		UUID order = this.bus.emit("orders.placed", Map.of("orderId", 7));

		this.bus.drain();
		DeliveryState first = this.deliveries.of(order, "shipping");
		assertThat(first.status()).isEqualTo("FAILED");
		assertThat(first.attempts()).isEqualTo(1);
		assertThat(first.lastError()).contains("The carrier refused order 7");
		assertThat(first.nextAttemptAt()).isNotNull();

		this.bus.drain();
		assertThat(this.deliveries.of(order, "shipping").attempts()).as("not due yet").isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(1));
		this.bus.drain();
		assertThat(this.deliveries.of(order, "shipping").attempts()).isEqualTo(2);

		this.clock.advance(Duration.ofMinutes(1));
		this.bus.drain();
		DeliveryState dead = this.deliveries.of(order, "shipping");
		assertThat(dead.attempts()).isEqualTo(3);
		assertThat(dead.isDead()).isTrue();
		assertThat(dead.lastError()).contains("The carrier refused order 7");
		assertThat(this.shipping.shipped()).isEmpty();
	}

	@Test
	void aDelayedEventIsDeliveredOnceTheClockPassesIt() {
		this.bus.emit("reminders.due", Map.of("text", "renew the domain"),
				EmitOptions.builder().delay(Duration.ofDays(30)).build());

		this.bus.drain();
		assertThat(this.reminders.sent()).isEmpty();

		this.clock.advance(Duration.ofDays(29));
		this.bus.drain();
		assertThat(this.reminders.sent()).isEmpty();

		this.clock.advance(Duration.ofDays(1));
		this.bus.drain();
		assertThat(this.reminders.sent()).containsExactly("renew the domain");
	}

	@Test
	void eventTimesFollowTheClock() {
		this.clock.advance(Duration.ofDays(365));
		this.bus.emit("reminders.due", Map.of("text", "a year on"));

		Instant createdAt = this.recorded.ofType("reminders.due").get(0).createdAt();
		assertThat(createdAt).isCloseTo(Instant.now().plus(Duration.ofDays(365)), within(Duration.ofMinutes(1)));
		assertThat(this.clock.offset()).isEqualTo(Duration.ofDays(365));
	}

	@Test
	void eachTestStartsAtTheSystemTime() {
		assertThat(this.clock.offset()).isZero();
		assertThat(this.clock.instant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
	}

	@Test
	void aDeliveryWithoutARecordIsAnAssertionError() {
		UUID reminder = this.bus.emit("reminders.due", Map.of("text", "delivered at once"));
		this.bus.drain();

		assertThat(this.deliveries.of(reminder)).isEmpty();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.deliveries.of(reminder, "reminders"))
			.withMessage("Event " + reminder + " has no delivery record for subscriber 'reminders' (a first attempt "
					+ "that succeeded leaves none); its records: []");
	}

	@Test
	void theClockOnlyMovesAhead() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.clock.advance(Duration.ofSeconds(-1)))
			.withMessage("The clock only moves ahead: advance by a positive duration, not PT-1S; reset() goes back "
					+ "to the system time");
	}

}
