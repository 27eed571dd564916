package dev.eventstarter.kafka;

import java.nio.charset.StandardCharsets;

import dev.eventstarter.Event;
import dev.eventstarter.store.EventDocuments;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record a Kafka route sent back as an {@link Event}, in another service that
 * consumes the topic with plain Spring for Apache Kafka:
 *
 * <pre class="code">
 * &#64;KafkaListener(topics = "blog.posts")
 * void on(ConsumerRecord&lt;String, String&gt; record) {
 *     Event event = KafkaEvents.read(record);
 *     if (processed.add(event.eventId())) { … }
 * }
 * </pre>
 *
 * Both value modes read back: the event document, and an event's {@code data} with the
 * envelope taken from the headers.
 */
public final class KafkaEvents {

	private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

	private KafkaEvents() {
	}

	/**
	 * Read a record back as an event.
	 * @param record the record, its value a {@code String} or the {@code byte[]} of UTF-8
	 * text ({@code StringDeserializer} or {@code ByteArrayDeserializer})
	 * @return the event
	 * @throws IllegalArgumentException naming what is missing or malformed
	 */
	public static Event read(ConsumerRecord<?, ?> record) {
		return read(record, JSON_MAPPER);
	}

	/**
	 * Read a record back as an event whose {@link Event#payload(Class)} maps with a given
	 * mapper, such as the application's.
	 * @param record the record, its value a {@code String} or the {@code byte[]} of UTF-8
	 * text
	 * @param jsonMapper reads the JSON and maps payloads
	 * @return the event
	 * @throws IllegalArgumentException naming what is missing or malformed
	 */
	public static Event read(ConsumerRecord<?, ?> record, JsonMapper jsonMapper) {
		return EventDocuments.read(text(record), (name) -> header(record, name), jsonMapper);
	}

	private static String text(ConsumerRecord<?, ?> record) {
		Object value = record.value();
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		throw new IllegalArgumentException("The value of record " + record.topic() + "-" + record.partition() + "@"
				+ record.offset() + " is " + ((value != null) ? "a " + value.getClass().getName() : "null")
				+ "; read the topic with StringDeserializer or ByteArrayDeserializer");
	}

	private static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
