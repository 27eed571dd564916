package dev.eventstarter.kafka.route;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.Event;
import dev.eventstarter.kafka.KafkaRoute;
import dev.eventstarter.kafka.TestKafka;
import dev.eventstarter.store.EventDocuments;
import dev.eventstarter.store.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a route's sender turns what Kafka says into delivery outcomes, against the test
 * broker.
 */
class KafkaRouteSenderTests {

	@Test
	void retriableKafkaErrorsAreRetriedAndRefusalsAreDeadAtOnce() {
		assertThat(KafkaRouteSender.failure(new TimeoutException("Expiring 1 record(s)"), "t"))
			.satisfies((failure) -> assertThat(failure.isPermanent()).isFalse())
			.hasMessage("Kafka could not take the record to topic 't' yet: TimeoutException: Expiring 1 record(s)");
		assertThat(KafkaRouteSender.failure(new NetworkException("disconnected"), "t").isPermanent()).isFalse();
		assertThat(KafkaRouteSender.failure(new OutOfOrderSequenceException("sequence"), "t").isPermanent()).isFalse();
		assertThat(KafkaRouteSender.failure(new IllegalStateException("producer closed"), "t").isPermanent()).isFalse();
		assertThat(KafkaRouteSender.failure(new TopicAuthorizationException("Not authorized"), "t"))
			.satisfies((failure) -> assertThat(failure.isPermanent()).isTrue())
			.hasMessage("Kafka refused the record to topic 't': TopicAuthorizationException: Not authorized");
		assertThat(KafkaRouteSender.failure(new InvalidTopicException("bad"), "t").isPermanent()).isTrue();
		KafkaProducerException wrapped = new KafkaProducerException(new ProducerRecord<>("t", "v"), "Failed to send",
				new RecordTooLargeException("The message is 2000000 bytes"));
		assertThat(KafkaRouteSender.failure(wrapped, "t"))
			.satisfies((failure) -> assertThat(failure.isPermanent()).isTrue())
			.hasMessage("Kafka refused the record to topic 't': RecordTooLargeException: The message is 2000000 bytes");
	}

	@Test
	void aTopicWithoutMetadataCostsOneWaitAndHoldsBackTheLaterEventsOfItsResources() throws Exception {
		KafkaProperties properties = new KafkaProperties();
		properties.setBootstrapServers(List.of(TestKafka.get().bootstrapServers()));
		properties.getProducer().getProperties().put("max.block.ms", "500");
		KafkaTemplate<String, byte[]> template = RouteKafkaTemplate.create(properties, null);
		try {
			KafkaRoute route = KafkaRoute.builder("missing").events("*").topic("sender.missing").build();
			KafkaRouteSender sender = new KafkaRouteSender(route, template, new EventJson(new JsonMapper()));
			Event first = event("1");
			Event second = event("1");
			Event other = event("2");
			long started = System.nanoTime();
			Map<UUID, Exception> failures = sender.send(List.of(first, second, other));
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(failures.get(first.eventId())).isInstanceOf(DeliveryFailure.class)
				.hasMessage("Kafka could not take the record to topic 'sender.missing' yet: TimeoutException: Topic "
						+ "sender.missing not present in metadata after 500 ms.");
			assertThat(failures.get(second.eventId())).hasMessage(
					"Held back behind event " + first.eventId() + " of the same resource, which could not be sent");
			assertThat(failures.get(other.eventId()))
				.hasMessageEndingWith("(not sent: an earlier record of the round to this topic failed so)");
			assertThat(took).isLessThan(Duration.ofMillis(1400));
		}
		finally {
			template.destroy();
		}
	}

	private static Event event(String resourceId) {
		Map<String, String> headers = Map.of(EventDocuments.EVENT_ID, UUID.randomUUID().toString(),
				EventDocuments.EVENT_TYPE, "posts.updated", EventDocuments.RESOURCE_NAME, "posts",
				EventDocuments.RESOURCE_ID, resourceId, EventDocuments.CREATED_AT, "2026-12-01T10:00:00Z",
				EventDocuments.TRANSACTION_ID, UUID.randomUUID().toString(), EventDocuments.CONTENT_TYPE,
				EventDocuments.DATA_CONTENT);
		return EventDocuments.read("{\"n\":1}", headers::get, new JsonMapper());
	}

}
