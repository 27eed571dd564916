package dev.eventstarter.test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.test.app.ArticleService;
import dev.eventstarter.test.app.Reminders;
import dev.eventstarter.test.app.Shipping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Waiting for what a stimulus causes in other threads, and the messages of a timeout.
 */
@SpringBootTest
class EventScenarioTests {

	@Autowired
	EventScenario scenario;

	@Autowired
	EventBus bus;

	@Autowired
	ArticleService articles;

	@Autowired
	Reminders reminders;

	@Autowired
	Shipping shipping;

	@AfterEach
	void carrierBackUp() {
		this.shipping.carrierUp(true);
	}

	@Test
	void waitsForAnEventCommittedInAnotherThread() {
		Event event = this.scenario
			.stimulate(() -> CompletableFuture.runAsync(() -> this.articles.write("Asynchronous")))
			.andWaitForEvent("articles.created", (created) -> "Asynchronous".equals(created.newState().get("title")));

		assertThat(event.resourceName()).isEqualTo("articles");
	}

	@Test
	void waitsForTheDeliveryToEveryDurableSubscriber() {
		Event event = this.scenario
			.stimulate(() -> CompletableFuture
				.runAsync(() -> this.bus.emit("reminders.due", Map.of("text", "water the plants"))))
			.andWaitForDelivery("reminders.*");

		assertThat(event.eventType()).isEqualTo("reminders.due");
		assertThat(this.reminders.sent()).contains("water the plants");
	}

	@Test
	void aTimeoutListsWhatArrivedSinceTheStimulus() {
		this.bus.emit("reminders.due", Map.of("text", "before the stimulus"));

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.scenario.stimulate(() -> this.articles.write("Not the one"))
				.within(Duration.ofMillis(200))
				.andWaitForEvent("articles.deleted"))
			.withMessageStartingWith("No committed articles.deleted event that matches arrived within PT0.2S; "
					+ "recorded since the stimulus:\n  1. articles.created articles/")
			.withMessageNotContaining("before the stimulus");
	}

	@Test
	void aDeliveryThatKeepsFailingEndsTheWaitWithItsState() {
		this.shipping.carrierUp(false);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.scenario.stimulate(() -> this.bus.emit("orders.placed", Map.of("orderId", 9)))
				.within(Duration.ofSeconds(1))
				.andWaitForDelivery("orders.placed"))
			.withMessageContaining("was not delivered to every durable subscriber (")
			.withMessageContaining("its deliveries: [DeliveryState[subscriber=shipping, status=")
			.withMessageContaining("recorded since the stimulus:\n  1. orders.placed")
			.withMessageContaining("The carrier refused order 9");
	}

	@Test
	void badArgumentsSayWhatToFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scenario.stimulate(() -> {
		}).within(Duration.ZERO)).withMessage("The timeout must be positive, but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scenario.stimulate(() -> {
		}).andWaitForEvent("no spaces")).withMessageStartingWith("'no spaces' is not an event type pattern");
	}

}
