package dev.eventstarter.amqp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.eventstarter.Event;
import dev.eventstarter.store.EventDocuments;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Reads the messages of {@link AmqpRoute routes} back as events, in another service that
 * consumes them with plain Spring AMQP:
 *
 * <pre class="code">
 * &#64;RabbitListener(queues = "billing.orders")
 * void onOrderEvent(Message message) {
 *     Event event = AmqpEvents.read(message);
 *     if (processed.add(event.eventId())) {   // at least once: the id tells repeats apart
 *         ...
 *     }
 * }
 * </pre>
 *
 * The event has the id, type, resource, time, tenant, source, trace context and data that
 * were emitted; its {@code id()} is the {@code _events.id} of the sending service.
 */
public final class AmqpEvents {

	private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder().build();

	private AmqpEvents() {
	}

	/**
	 * Read a received message as the event it carries.
	 * @param message the message
	 * @return the event
	 * @throws IllegalArgumentException naming what is missing or malformed when the
	 * message was not sent by a route
	 */
	public static Event read(Message message) {
		return read(message, DEFAULT_MAPPER);
	}

	/**
	 * Read a received message as the event it carries, with a mapper of the application
	 * that {@link Event#payload(Class)} then uses.
	 * @param message the message
	 * @param jsonMapper reads the JSON and maps payloads
	 * @return the event
	 * @throws IllegalArgumentException naming what is missing or malformed when the
	 * message was not sent by a route
	 */
	public static Event read(Message message, JsonMapper jsonMapper) {
		MessageProperties properties = message.getMessageProperties();
		String encoding = properties.getContentEncoding();
		Charset charset = (encoding != null && Charset.isSupported(encoding)) ? Charset.forName(encoding)
				: StandardCharsets.UTF_8;
		return EventDocuments.read(new String(message.getBody(), charset), (name) -> header(properties, name),
				jsonMapper);
	}

	private static @Nullable String header(MessageProperties properties, String name) {
		Object value = properties.getHeader(name);
		if (value != null) {
			return value.toString();
		}
		// a message forwarded without our headers still has its AMQP properties
		if (EventDocuments.CONTENT_TYPE.equals(name)) {
			String contentType = properties.getContentType();
			// Spring AMQP's default for a message without one: let the value itself tell
			return MessageProperties.DEFAULT_CONTENT_TYPE.equals(contentType) ? null : contentType;
		}
		if (EventDocuments.EVENT_ID.equals(name)) {
			return properties.getMessageId();
		}
		return null;
	}

}
