package dev.eventstarter.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.eventstarter.EventBus;
import dev.eventstarter.actuate.EventsEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away mid-stream and comes back; a topic the broker does not have makes
 * deliveries dead, and an operator retry sends them once it exists. The application
 * reaches the broker only through a TCP proxy that the test cuts; the test reads the
 * topics directly.
 */
class KafkaRouteOutageTests extends KafkaRouteIntegrationTests {

	private static final int EVENTS = 600;

	private static final int RESOURCES = 10;

	private static final JsonMapper JSON = new JsonMapper();

	@Autowired
	private EventBus bus;

	@Autowired
	private EventsEndpoint endpoint;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void deliveriesFailWhileTheBrokerIsUnreachableAndNoneIsLostOnceItIsBack() throws Exception {
		List<UUID> emitted = Collections.synchronizedList(new ArrayList<>());
		Thread writer = new Thread(() -> {
			for (int i = 0; i < EVENTS && !Thread.currentThread().isInterrupted(); i++) {
				emitted.add(this.bus.emitUpdated("items", i % RESOURCES, Map.of("n", i - 1), Map.of("n", i)));
				pause(5);
			}
		}, "writer");
		writer.start();
		try {
			deliverAcrossAnOutage(emitted, writer);
		}
		finally {
			writer.interrupt();
			writer.join();
		}
	}

	private void deliverAcrossAnOutage(List<UUID> emitted, Thread writer) throws InterruptedException {
		TestKafka kafka = TestKafka.get();
		await().atMost(Duration.ofSeconds(20)).until(() -> emitted.size() > 150);
		assertThat(this.bus.awaitDelivery(emitted.get(100), Duration.ofSeconds(20))).isTrue();

		kafka.proxy().cut();
		AtomicReference<String> error = new AtomicReference<>();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				error.set(
						this.jdbc
							.sql("select max(last_error) from _event_deliveries where subscriber = 'kafka:items' "
									+ "and status = 'FAILED'")
							.query(String.class)
							.optional()
							.orElse(null));
				return error.get() != null;
			});
		}
		finally {
			kafka.proxy().restore();
		}
		assertThat(error.get()).startsWith("Kafka could not take the record to topic 'outage.items' yet: ")
			.containsAnyOf("TimeoutException", "NetworkException", "Held back behind event");
		writer.join();

		Set<String> expected = new HashSet<>();
		emitted.forEach((eventId) -> expected.add(eventId.toString()));
		List<ConsumerRecord<String, byte[]>> records = kafka.read("outage.items",
				(read) -> eventIds(read).containsAll(expected), Duration.ofSeconds(60));
		Set<String> arrived = eventIds(records);
		assertThat(expected).as("events lost").allSatisfy((eventId) -> assertThat(arrived).contains(eventId));
		// at least once: a record whose acknowledgement the cut lost is sent again, and a
		// consumer deduplicating on the event id sees each resource's events in order
		Map<String, List<Long>> firstArrivals = new HashMap<>();
		Set<String> seen = new HashSet<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			JsonNode document = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
			if (seen.add(document.get("eventId").asString())) {
				firstArrivals.computeIfAbsent(record.key(), (key) -> new ArrayList<>())
					.add(document.get("id").asLong());
			}
		}
		assertThat(firstArrivals).hasSize(RESOURCES)
			.allSatisfy((resourceId, ids) -> assertThat(ids).as("ids of item %s", resourceId).isSorted());
		System.out.printf("Kafka outage: %d events, 0 lost, %d duplicates%n", EVENTS, records.size() - EVENTS);
	}

	@Test
	void aTopicTheBrokerDoesNotHaveMakesDeliveriesDeadUntilAnOperatorRetriesThem() {
		UUID eventId = this.bus.emitCreated("orders", 1, Map.of("total", 12));
		await().atMost(Duration.ofSeconds(30)).until(() -> dead(eventId) != null);
		JsonNode dead = dead(eventId);
		assertThat(dead.get("subscriber").asString()).isEqualTo("kafka:refused");
		assertThat(dead.get("attempts").asInt()).isEqualTo(2);
		assertThat(dead.get("lastError").asString())
			.isEqualTo("Kafka could not take the record to topic 'outage.orders' yet: "
					+ "TimeoutException: Topic outage.orders not present in metadata after 1000 ms.");

		TestKafka.get().createTopics("outage.orders");
		assertThat(this.endpoint.retry(eventId.toString())).isPresent();
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(30))).isTrue();
		assertThat(dead(eventId)).isNull();
		List<ConsumerRecord<String, byte[]>> records = TestKafka.get()
			.read("outage.orders", (read) -> eventIds(read).contains(eventId.toString()), Duration.ofSeconds(20));
		assertThat(eventIds(records)).contains(eventId.toString());
	}

	/**
	 * The event's dead delivery as {@code GET /actuator/events/dead} shows it.
	 */
	private JsonNode dead(UUID eventId) {
		for (JsonNode delivery : JSON.valueToTree(this.endpoint.list("dead", null)).get("deliveries")) {
			if (delivery.get("eventId").asString().equals(eventId.toString())) {
				return delivery;
			}
		}
		return null;
	}

	private static Set<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
		Set<String> ids = new LinkedHashSet<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			ids.add(new String(record.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8));
		}
		return ids;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
