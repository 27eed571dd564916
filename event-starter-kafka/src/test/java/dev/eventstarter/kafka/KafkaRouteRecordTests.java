package dev.eventstarter.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventContext;
import dev.eventstarter.EventStore;
import dev.eventstarter.kafka.testapp.Article;
import dev.eventstarter.store.EventDocuments;
import dev.eventstarter.store.EventJson;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a route puts on the topic, read by a plain consumer of a real broker: the key, the
 * value and every header of each key and value mode, a {@code traceparent} that continues
 * the emitting span, and {@link KafkaEvents#read} turning each record back into the
 * event.
 */
class KafkaRouteRecordTests extends KafkaRouteIntegrationTests {

	private static final JsonMapper JSON = new JsonMapper();

	@Autowired
	private TransactionTemplate tx;

	@Autowired
	private EntityManager em;

	@Autowired
	private EventBus bus;

	@Autowired
	private EventStore store;

	@Autowired
	private EventJson eventJson;

	@Autowired
	private Tracer tracer;

	@Test
	void anEntityChangeArrivesWithItsKeyValueAndEveryHeaderInBothValueModes() {
		Span span = this.tracer.nextSpan().name("publish article").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			EventContext.with()
				.tenant("acme")
				.run(() -> this.tx.executeWithoutResult((status) -> this.em.persist(new Article(7L, "Hello"))));
		}
		finally {
			span.end();
		}
		Event emitted = this.store.history("articles", 7L).get(0);
		assertThat(this.bus.awaitDelivery(emitted.eventId(), Duration.ofSeconds(20))).isTrue();
		String traceparent = "00-" + span.context().traceId() + "-" + span.context().spanId() + "-01";

		ConsumerRecord<String, byte[]> document = record("records.articles", emitted.eventId());
		assertThat(document.key()).isEqualTo("7");
		assertThat(withoutDispatchedAt(text(document)))
			.isEqualTo(withoutDispatchedAt(this.eventJson.document(emitted)));
		Map<String, String> headers = headers(document);
		assertThat(headers).containsExactly(Map.entry("event-id", emitted.eventId().toString()),
				Map.entry("event-type", "articles.created"), Map.entry("event-resource-name", "articles"),
				Map.entry("event-resource-id", "7"), Map.entry("event-tenant", "acme"),
				Map.entry("event-source", "blog"), Map.entry("event-created-at", emitted.createdAt().toString()),
				Map.entry("event-transaction-id", emitted.transactionId().toString()),
				Map.entry("content-type", "application/vnd.eventstarter.event+json"),
				Map.entry("traceparent", traceparent));

		ConsumerRecord<String, byte[]> data = record("records.article-data", emitted.eventId());
		assertThat(data.key()).isEqualTo(emitted.eventId().toString());
		assertThat(JSON.readTree(text(data))).isEqualTo(emitted.data());
		assertThat(headers(data)).isEqualTo(EventDocuments.headers(emitted, "application/json"))
			.containsEntry("content-type", "application/json")
			.containsEntry("traceparent", traceparent);

		for (ConsumerRecord<String, byte[]> record : List.of(document, data)) {
			Event read = KafkaEvents.read(record);
			assertThat(read.eventId()).isEqualTo(emitted.eventId());
			assertThat(read.eventType()).isEqualTo("articles.created");
			assertThat(read.resourceName()).isEqualTo("articles");
			assertThat(read.resourceId()).isEqualTo("7");
			assertThat(read.data()).isEqualTo(emitted.data());
			assertThat(read.tenant()).isEqualTo("acme");
			assertThat(read.source()).isEqualTo("blog");
			assertThat(read.createdAt()).isEqualTo(emitted.createdAt());
			assertThat(read.transactionId()).isEqualTo(emitted.transactionId());
			assertThat(read.payload(Map.class)).containsEntry("title", "Hello");
			assertThat(read.traceContext().traceId()).isEqualTo(span.context().traceId());
			assertThat(read.traceContext().spanId()).isEqualTo(span.context().spanId());
		}
	}

	@Test
	void anEventWithoutAResourceIsKeyedByItsIdOrNotAtAll() {
		UUID eventId = this.bus.emit("notes.added", Map.of("text", "hi"));
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(20))).isTrue();

		ConsumerRecord<String, byte[]> keyed = record("records.notes", eventId);
		assertThat(keyed.key()).isEqualTo(eventId.toString());
		assertThat(headers(keyed)).doesNotContainKeys("event-resource-name", "event-resource-id", "event-tenant",
				"traceparent");

		ConsumerRecord<String, byte[]> unkeyed = record("records.unkeyed-notes", eventId);
		assertThat(unkeyed.key()).isNull();
		assertThat(text(unkeyed)).isEqualTo("{\"text\":\"hi\"}");
		Event read = KafkaEvents.read(unkeyed);
		assertThat(read.eventId()).isEqualTo(eventId);
		assertThat(read.eventType()).isEqualTo("notes.added");
		assertThat(read.resourceName()).isNull();
		assertThat(read.payload(Map.class)).containsEntry("text", "hi");
	}

	private static ConsumerRecord<String, byte[]> record(String topic, UUID eventId) {
		List<ConsumerRecord<String, byte[]>> records = TestKafka.get()
			.read(topic, (read) -> read.stream().anyMatch((record) -> isEvent(record, eventId)),
					Duration.ofSeconds(20));
		List<ConsumerRecord<String, byte[]>> matching = records.stream()
			.filter((record) -> isEvent(record, eventId))
			.toList();
		assertThat(matching).as("records of event %s on %s", eventId, topic).hasSize(1);
		return matching.get(0);
	}

	private static boolean isEvent(ConsumerRecord<String, byte[]> record, UUID eventId) {
		Header header = record.headers().lastHeader("event-id");
		return header != null && eventId.toString().equals(new String(header.value(), StandardCharsets.UTF_8));
	}

	private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	private static String text(ConsumerRecord<String, byte[]> record) {
		return new String(record.value(), StandardCharsets.UTF_8);
	}

	private static JsonNode withoutDispatchedAt(String document) {
		ObjectNode node = (ObjectNode) JSON.readTree(document);
		node.remove("dispatchedAt");
		return node;
	}

}
