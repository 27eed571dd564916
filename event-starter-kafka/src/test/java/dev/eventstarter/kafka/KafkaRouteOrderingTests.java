package dev.eventstarter.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventstarter.Event;
import dev.eventstarter.EventStore;
import dev.eventstarter.kafka.testapp.Counter;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four writers change twenty counters concurrently, two thousand times: every event
 * reaches the topic, each resource's on one partition and in {@code _events.id} order,
 * though transactions commit in another order than they took their ids.
 */
class KafkaRouteOrderingTests extends KafkaRouteIntegrationTests {

	private static final int WRITERS = 4;

	private static final int RESOURCES = 20;

	private static final int CHANGES = 2000;

	private static final JsonMapper JSON = new JsonMapper();

	@Autowired
	private TransactionTemplate tx;

	@Autowired
	private EntityManager em;

	@Autowired
	private EventStore store;

	@Test
	void everyEventArrivesAndEachResourcesInIdOrder() throws Exception {
		for (long id = 1; id <= RESOURCES; id++) {
			long counterId = id;
			this.tx.executeWithoutResult((status) -> this.em.persist(new Counter(counterId)));
		}
		AtomicInteger remaining = new AtomicInteger(CHANGES);
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		List<Future<?>> done = new ArrayList<>();
		for (int writer = 0; writer < WRITERS; writer++) {
			done.add(writers.submit(() -> {
				while (remaining.getAndDecrement() > 0) {
					increment(ThreadLocalRandom.current().nextLong(1, RESOURCES + 1));
				}
			}));
		}
		for (Future<?> writer : done) {
			writer.get();
		}
		writers.shutdown();
		int events = RESOURCES + CHANGES;

		List<ConsumerRecord<String, byte[]>> records = TestKafka.get()
			.read("ordering.counters", (read) -> read.size() >= events, Duration.ofSeconds(60));
		assertThat(records).as("records on the topic").hasSize(events);

		Map<String, List<Long>> arrived = new HashMap<>();
		Map<String, Set<Integer>> partitions = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			JsonNode document = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
			String resourceId = document.get("resourceId").asString();
			assertThat(record.key()).isEqualTo(resourceId);
			arrived.computeIfAbsent(resourceId, (key) -> new ArrayList<>()).add(document.get("id").asLong());
			partitions.computeIfAbsent(resourceId, (key) -> new HashSet<>()).add(record.partition());
		}
		assertThat(arrived).hasSize(RESOURCES);
		for (long id = 1; id <= RESOURCES; id++) {
			List<Long> written = this.store.history("counters", id).stream().map(Event::id).toList();
			assertThat(arrived.get(String.valueOf(id))).as("ids of counter %d in the order they arrived", id)
				.containsExactlyElementsOf(written);
			assertThat(partitions.get(String.valueOf(id))).hasSize(1);
		}
	}

	/**
	 * Increment a counter, again if the database timed out waiting for another writer's
	 * lock: each increment must be made, once.
	 */
	private void increment(long counterId) {
		for (int attempt = 1;; attempt++) {
			try {
				this.tx.executeWithoutResult((status) -> this.em.find(Counter.class, counterId).increment());
				return;
			}
			catch (DataAccessException | TransactionException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

}
