package dev.eventstarter.amqp;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.store.EventDocuments;
import dev.eventstarter.store.EventJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading messages back in another service, including ones that lost their headers on the
 * way, and saying what is wrong with ones no route sent.
 */
class AmqpEventsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final UUID eventId = UUID.randomUUID();

	private final Event event = EventDocuments.read("""
			{"id": 7, "eventId": "%s", "eventType": "orders.shipped", "createdAt": "2026-01-02T03:04:05Z",
			 "transactionId": "%s", "data": {"total": 10}}
			""".formatted(this.eventId, UUID.randomUUID()), (header) -> null, this.json);

	@Test
	void aMessageWithoutHeadersIsReadFromItsDocument() {
		byte[] body = new EventJson(this.json).document(this.event).getBytes(StandardCharsets.UTF_8);
		Event read = AmqpEvents.read(new Message(body, new MessageProperties()));
		assertThat(read.eventId()).isEqualTo(this.eventId);
		assertThat(read.id()).isEqualTo(7);
		assertThat(read.eventType()).isEqualTo("orders.shipped");
		assertThat(read.resourceId()).isNull();
		assertThat(read.data().get("total").asInt()).isEqualTo(10);
		assertThat(AmqpEvents.read(new Message(body, new MessageProperties()), this.json).payload(Order.class))
			.isEqualTo(new Order(10));
	}

	@Test
	void aMessageNoRouteSentIsRefusedSayingWhy() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AmqpEvents.read(new Message("{\"total\": 10}".getBytes(StandardCharsets.UTF_8))))
			.withMessageMatching(
					"The event has no event-[a-z-]+ header; was it sent by an event-starter broker route\\?");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AmqpEvents.read(new Message("total".getBytes(StandardCharsets.UTF_8))))
			.withMessageStartingWith("The value is not JSON");
	}

	record Order(int total) {

	}

}
