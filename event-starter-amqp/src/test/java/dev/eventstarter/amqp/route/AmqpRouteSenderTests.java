package dev.eventstarter.amqp.route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.Event;
import dev.eventstarter.amqp.AmqpEvents;
import dev.eventstarter.amqp.AmqpRoute;
import dev.eventstarter.amqp.TestBroker;
import dev.eventstarter.store.EventDocuments;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.test.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round of one route against the RabbitMQ server, without an application: what is
 * confirmed, what fails and why, and that a resource's later event never arrives when an
 * earlier one of the round did not.
 */
class AmqpRouteSenderTests {

	static final TestBroker broker = new TestBroker();

	static final JsonMapper json = JsonMapper.builder().build();

	final EventJson eventJson = new EventJson(json);

	final String exchange = broker.name("sender-" + UUID.randomUUID().toString().substring(0, 4));

	CachingConnectionFactory connectionFactory;

	RabbitTemplate template;

	String queue;

	long nextId = 1;

	@BeforeEach
	void connect() {
		broker.declareExchange(this.exchange);
		this.queue = broker.bindQueue(this.exchange, "#");
		this.connectionFactory = connectionFactory(TestBroker.PORT);
		this.template = template(this.connectionFactory);
	}

	@AfterEach
	void disconnect() {
		this.connectionFactory.destroy();
	}

	@AfterAll
	static void deleteExchanges() {
		broker.close();
	}

	@Test
	void everyEventOfARoundIsConfirmedAndArrivesInOrder() {
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			events.add(event("orders.updated", "o-" + (i % 7)));
		}
		long started = System.nanoTime();
		Map<UUID, Exception> failures = sender(route().build()).send(events);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(failures).isEmpty();
		List<Message> messages = broker.receive(this.queue, 2000, Duration.ofSeconds(20));
		assertThat(messages).extracting((message) -> AmqpEvents.read(message).eventId())
			.containsExactlyElementsOf(events.stream().map(Event::eventId).toList());
		System.out.println("2,000 events sent and confirmed in " + took.toMillis() + " ms");
	}

	@Test
	void anUnroutableEventFailsWithTheReturnAndTheOthersArrive() {
		String exchange = broker.name("returns-" + UUID.randomUUID().toString().substring(0, 4));
		broker.declareExchange(exchange);
		String queue = broker.bindQueue(exchange, "orders");
		AmqpRoute route = route().exchange(exchange)
			.routingKey((event) -> event.resourceId().equals("lost") ? "nowhere" : "orders")
			.build();
		Event first = event("orders.updated", "a");
		Event unroutable = event("orders.updated", "lost");
		Event last = event("orders.updated", "b");
		Map<UUID, Exception> failures = sender(route).send(List.of(first, unroutable, last));
		assertThat(failures).containsOnlyKeys(unroutable.eventId());
		assertThat(failures.get(unroutable.eventId())).isInstanceOf(DeliveryFailure.class)
			.hasMessage("RabbitMQ returned the message to exchange '" + exchange
					+ "' with routing key 'nowhere': 312 NO_ROUTE (no queue is bound for this routing key)");
		assertThat(broker.receive(queue, 2, Duration.ofSeconds(5)))
			.extracting((message) -> AmqpEvents.read(message).eventId())
			.containsExactly(first.eventId(), last.eventId());
	}

	@Test
	void aMissingExchangeFailsItsEventsWithTheBrokersReasonAndNoLaterEventOfTheirResourceArrives() {
		String missing = broker.name("missing-" + UUID.randomUUID().toString().substring(0, 4));
		AmqpRoute route = route().exchange((event) -> event.resourceId().startsWith("bad") ? missing : this.exchange)
			.build();
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			events.add(event("orders.updated", "good-" + (i % 3)));
			if (i == 10 || i == 20) {
				events.add(event("orders.updated", "bad"));
			}
		}
		Map<UUID, Exception> failures = sender(route).send(events);

		List<Event> bad = events.stream().filter((event) -> event.resourceId().equals("bad")).toList();
		assertThat(failures).containsKeys(bad.get(0).eventId(), bad.get(1).eventId());
		assertThat(failures.get(bad.get(0).eventId())).hasMessageContaining("exchange '" + missing + "'")
			.hasMessageContaining("NOT_FOUND - no exchange '" + missing + "'");
		// the channel closed under the others: each confirmed one arrived, and no event
		// of a resource arrived after an earlier one of it that did not
		List<UUID> arrived = broker.receive(this.queue, 30, Duration.ofSeconds(2))
			.stream()
			.map((message) -> AmqpEvents.read(message).eventId())
			.toList();
		Map<String, UUID> firstMissing = new HashMap<>();
		for (Event event : events) {
			boolean came = arrived.contains(event.eventId());
			if (!failures.containsKey(event.eventId())) {
				assertThat(came).as("confirmed %s of %s arrived", event.eventId(), event.resourceId()).isTrue();
			}
			if (!came) {
				firstMissing.putIfAbsent(event.resourceId(), event.eventId());
			}
			else {
				assertThat(firstMissing)
					.as("%s arrived after an earlier event of %s that did not", event.eventId(), event.resourceId())
					.doesNotContainKey(event.resourceId());
			}
		}
		assertThat(arrived).isNotEmpty();
	}

	@Test
	void aBrokerThatCannotBeReachedFailsEveryEvent() throws Exception {
		try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT)) {
			proxy.cut();
			CachingConnectionFactory unreachable = connectionFactory(proxy.port());
			try {
				List<Event> events = List.of(event("orders.updated", "a"), event("orders.updated", "b"));
				Map<UUID, Exception> failures = new AmqpRouteSender(route().build(), template(unreachable),
						this.eventJson, Duration.ofSeconds(5))
					.send(events);
				assertThat(failures).containsOnlyKeys(events.get(0).eventId(), events.get(1).eventId());
				assertThat(failures.values())
					.allSatisfy((failure) -> assertThat(failure).hasMessageStartingWith("Could not open a channel"));
			}
			finally {
				unreachable.destroy();
			}
		}
	}

	private AmqpRoute.Builder route() {
		return AmqpRoute.builder("orders").events("orders.*").exchange(this.exchange);
	}

	private AmqpRouteSender sender(AmqpRoute route) {
		return new AmqpRouteSender(route, this.template, this.eventJson, Duration.ofSeconds(10));
	}

	/**
	 * An event as read back from its document: what the dispatcher would hand over.
	 */
	private Event event(String type, String resourceId) {
		ObjectNode document = json.createObjectNode();
		document.put("id", this.nextId++);
		document.put("eventId", UUID.randomUUID().toString());
		document.put("eventType", type);
		document.put("resourceName", "orders");
		document.put("resourceId", resourceId);
		document.put("createdAt", Instant.now().toString());
		document.put("transactionId", UUID.randomUUID().toString());
		document.putObject("data").put("n", this.nextId);
		return EventDocuments.read(document.toString(), (header) -> null, json);
	}

	private static CachingConnectionFactory connectionFactory(int port) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(TestBroker.HOST, port);
		connectionFactory.setPublisherConfirmType(ConfirmType.CORRELATED);
		connectionFactory.setPublisherReturns(true);
		return connectionFactory;
	}

	private static RabbitTemplate template(CachingConnectionFactory connectionFactory) {
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		template.setMandatory(true);
		template.setReturnsCallback((returned) -> {
		});
		return template;
	}

}
