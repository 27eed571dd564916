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
import dev.eventstarter.kafka.testapp.Article;
import dev.eventstarter.kafka.testapp.KafkaTestApplication;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four writers change twenty articles concurrently, two thousand times: every event
 * reaches the topic of a programmatic route (topic chosen per event), each resource's on
 * one partition and in {@code _events.id} order, though transactions commit in another
 * order than they took their ids.
 */
@SpringBootTest(classes = { KafkaTestApplication.class, KafkaRouteOrderingTests.Routes.class },
		webEnvironment = WebEnvironment.NONE, properties = "events.dispatch.batch-size=500")
@DirtiesContext
class KafkaRouteOrderingTests {

	private static final int WRITERS = 4;

	private static final int RESOURCES = 20;

	private static final int CHANGES = 2000;

	private static final JsonMapper JSON = new JsonMapper();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		TestKafka kafka = TestKafka.get();
		kafka.createTopics("ordering.articles");
		registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
	}

	@Autowired
	private TransactionTemplate tx;

	@Autowired
	private EntityManager em;

	@Autowired
	private EventStore store;

	@Test
	void everyEventArrivesAndEachResourcesInIdOrder() throws Exception {
		for (long id = 1; id <= RESOURCES; id++) {
			long articleId = id;
			this.tx.executeWithoutResult((status) -> this.em.persist(new Article(articleId, "v0")));
		}
		AtomicInteger remaining = new AtomicInteger(CHANGES);
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		List<Future<?>> done = new ArrayList<>();
		for (int writer = 0; writer < WRITERS; writer++) {
			String name = "w" + writer + "-";
			done.add(writers.submit(() -> {
				for (int change = remaining.getAndDecrement(); change > 0; change = remaining.getAndDecrement()) {
					change(ThreadLocalRandom.current().nextLong(1, RESOURCES + 1), name + change);
				}
			}));
		}
		for (Future<?> writer : done) {
			writer.get();
		}
		writers.shutdown();
		int events = RESOURCES + CHANGES;

		List<ConsumerRecord<String, byte[]>> records = TestKafka.get()
			.read("ordering.articles", (read) -> read.size() >= events, Duration.ofSeconds(60));
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
			List<Long> written = this.store.history("articles", id).stream().map(Event::id).toList();
			assertThat(arrived.get(String.valueOf(id))).as("ids of article %d in the order they arrived", id)
				.containsExactlyElementsOf(written);
			assertThat(partitions.get(String.valueOf(id))).hasSize(1);
		}
	}

	/**
	 * Change an article, again if the database timed out waiting for another writer's
	 * lock: each change must be made, once.
	 */
	private void change(long articleId, String title) {
		for (int attempt = 1;; attempt++) {
			try {
				this.tx.executeWithoutResult((status) -> this.em.find(Article.class, articleId).setTitle(title));
				return;
			}
			catch (DataAccessException | TransactionException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		KafkaRoutes kafkaRoutes() {
			return () -> List.of(KafkaRoute.builder("ordering")
				.events("articles.*")
				.topic((event) -> "ordering." + event.resourceName())
				.build());
		}

	}

}
