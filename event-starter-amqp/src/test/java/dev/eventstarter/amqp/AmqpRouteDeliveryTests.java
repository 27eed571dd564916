package dev.eventstarter.amqp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventContext;
import dev.eventstarter.EventStore;
import dev.eventstarter.actuate.EventsEndpoint;
import dev.eventstarter.amqp.testapp.AmqpTestApplication;
import dev.eventstarter.amqp.testapp.Counter;
import dev.eventstarter.store.EventDocuments;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.test.TcpProxy;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routes end to end (issue 18): entity changes and emitted events, committed on H2,
 * dispatched by the real dispatcher, published to the RabbitMQ server through a TCP proxy
 * the tests cut, and read from queues as another service would. Every exchange and queue
 * is named for this run and deleted after it.
 */
@SpringBootTest(classes = AmqpTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "events.dispatch.enabled=true", "events.dispatch.poll-interval=50ms",
				"events.delivery.initial-delay=100ms", "events.delivery.max-delay=1s", "events.source=amqp-test",
				"management.tracing.sampling.probability=1.0", "management.endpoints.web.exposure.include=events" })
class AmqpRouteDeliveryTests {

	static final TestBroker broker = new TestBroker();

	static final TcpProxy proxy = proxy();

	static final String COUNTERS = broker.name("counters");

	static final String SHIPMENTS = broker.name("shipments");

	static final String OUTAGE = broker.name("outage");

	static final String MISSING = broker.name("missing");

	static final String UNBOUND = broker.name("unbound");

	static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	EventBus bus;

	@Autowired
	EventStore store;

	@Autowired
	EventJson eventJson;

	@Autowired
	EventsEndpoint endpoint;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EntityManager em;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Tracer tracer;

	@Autowired
	Propagator propagator;

	@Autowired
	RabbitTemplate applicationTemplate;

	/**
	 * The application connects through the proxy; the routes are the application's
	 * configuration, all in this one property source, which Spring Boot binds a list
	 * from.
	 */
	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.host", () -> TestBroker.HOST);
		registry.add("spring.rabbitmq.port", proxy::port);
		route(registry, 0, "counters", "counters.*", COUNTERS);
		route(registry, 1, "shipments", "shipments.*", SHIPMENTS);
		registry.add("events.amqp.routes[1].routing-key", () -> "shipments.fixed");
		route(registry, 2, "outage", "outage.*", OUTAGE);
		route(registry, 3, "missing", "lost.*", MISSING);
		registry.add("events.amqp.routes[3].max-attempts", () -> "2");
		registry.add("events.amqp.routes[3].backoff", () -> "fixed");
		route(registry, 4, "unbound", "stray.*", UNBOUND);
		registry.add("events.amqp.routes[4].max-attempts", () -> "1");
	}

	static void route(DynamicPropertyRegistry registry, int index, String name, String events, String exchange) {
		String prefix = "events.amqp.routes[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "events", () -> events);
		registry.add(prefix + "exchange", () -> exchange);
	}

	@BeforeAll
	static void declareExchanges() {
		broker.declareExchange(COUNTERS);
		broker.declareExchange(SHIPMENTS);
		broker.declareExchange(OUTAGE);
		broker.declareExchange(UNBOUND);
	}

	@AfterAll
	static void deleteExchanges() throws IOException {
		broker.close();
		proxy.close();
	}

	@Test
	void messageCarriesTheEventDocumentEveryHeaderAndTheEmittingTrace() {
		String queue = broker.bindQueue(SHIPMENTS, "shipments.fixed");
		Span span = this.tracer.nextSpan().name("ship").start();
		UUID eventId;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			eventId = EventContext.with()
				.tenant("tenant-1")
				.call(() -> this.bus.emitUpdated("shipments", "s-1", Map.of("state", "packed"),
						Map.of("state", "sent")));
		}
		finally {
			span.end();
		}
		Message message = broker.receive(queue, Duration.ofSeconds(10));
		assertThat(message).as("the message on the queue").isNotNull();
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(5))).isTrue();
		Event stored = this.store.findByEventId(eventId).orElseThrow();
		MessageProperties properties = message.getMessageProperties();
		assertThat(properties.getReceivedExchange()).isEqualTo(SHIPMENTS);
		assertThat(properties.getReceivedRoutingKey()).isEqualTo("shipments.fixed");
		assertThat(properties.getMessageId()).isEqualTo(eventId.toString());
		assertThat(properties.getContentType()).isEqualTo(EventDocuments.EVENT_CONTENT);
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(withoutDispatchedAt(new String(message.getBody(), StandardCharsets.UTF_8)))
			.isEqualTo(withoutDispatchedAt(this.eventJson.document(stored)));

		Map<String, String> expected = EventDocuments.headers(stored, EventDocuments.EVENT_CONTENT);
		assertThat(expected).containsOnlyKeys(EventDocuments.EVENT_ID, EventDocuments.EVENT_TYPE,
				EventDocuments.RESOURCE_NAME, EventDocuments.RESOURCE_ID, EventDocuments.TENANT, EventDocuments.SOURCE,
				EventDocuments.CREATED_AT, EventDocuments.TRANSACTION_ID, EventDocuments.CONTENT_TYPE,
				EventDocuments.TRACEPARENT);
		Map<String, String> received = new LinkedHashMap<>();
		expected.keySet().forEach((name) -> received.put(name, String.valueOf((Object) properties.getHeader(name))));
		assertThat(received).isEqualTo(expected);
		assertThat(received).containsEntry(EventDocuments.RESOURCE_NAME, "shipments")
			.containsEntry(EventDocuments.RESOURCE_ID, "s-1")
			.containsEntry(EventDocuments.TENANT, "tenant-1")
			.containsEntry(EventDocuments.SOURCE, "amqp-test")
			.containsEntry(EventDocuments.TRACEPARENT,
					"00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");

		// a consumer's span continues the trace, as a child of the span that emitted
		Span consumer = this.propagator.extract(properties, (carrier, name) -> {
			Object value = carrier.getHeader(name);
			return (value != null) ? value.toString() : null;
		}).name("consume").start();
		assertThat(consumer.context().traceId()).isEqualTo(span.context().traceId());
		assertThat(consumer.context().parentId()).isEqualTo(span.context().spanId());
		consumer.end();

		Event read = AmqpEvents.read(message);
		assertThat(read.eventId()).isEqualTo(eventId);
		assertThat(read.id()).isEqualTo(stored.id());
		assertThat(read.eventType()).isEqualTo("shipments.updated");
		assertThat(read.resourceName()).isEqualTo("shipments");
		assertThat(read.resourceId()).isEqualTo("s-1");
		assertThat(read.tenant()).isEqualTo("tenant-1");
		assertThat(read.data()).isEqualTo(stored.data());
		assertThat(read.newState()).containsEntry("state", "sent");
		assertThat(read.traceContext().traceId()).isEqualTo(span.context().traceId());
	}

	@Test
	void fourWritersTwentyResourcesTwoThousandEventsArriveInIdOrderPerResource() throws Exception {
		String queue = broker.bindQueue(COUNTERS, "#");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add("counter-" + i);
		}
		// 20 created events of entity changes, then 1,980 updated ones from writers whose
		// transactions pause before committing: a resource's later id often commits
		// before its earlier one, which the route must still send after it
		this.tx.executeWithoutResult((status) -> ids.forEach((id) -> this.em.persist(new Counter(id))));
		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> done = new ArrayList<>();
		for (int writer = 0; writer < 4; writer++) {
			done.add(writers.submit(() -> {
				for (int i = 0; i < 495; i++) {
					String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
					int step = i;
					this.tx.executeWithoutResult((status) -> {
						this.bus.emitUpdated("counters", id, Map.of("step", step), Map.of("step", step + 1));
						pause(ThreadLocalRandom.current().nextInt(3));
					});
				}
			}));
		}
		for (Future<?> writer : done) {
			writer.get();
		}
		writers.shutdown();

		List<Message> messages = broker.receive(queue, 2000, Duration.ofSeconds(60));
		assertThat(messages).hasSize(2000);
		Map<String, List<Long>> arrived = new LinkedHashMap<>();
		Set<UUID> distinct = new LinkedHashSet<>();
		for (Message message : messages) {
			Event event = AmqpEvents.read(message);
			distinct.add(event.eventId());
			arrived.computeIfAbsent(event.resourceId(), (id) -> new ArrayList<>()).add(event.id());
		}
		assertThat(distinct).hasSize(2000);
		Map<String, List<Long>> written = new LinkedHashMap<>();
		this.jdbc.sql("select id, resource_id from _events where event_type like 'counters.%' order by id")
			.query((rs, row) -> written.computeIfAbsent(rs.getString(2), (id) -> new ArrayList<>()).add(rs.getLong(1)))
			.list();
		assertThat(written.values().stream().mapToInt(List::size).sum()).isEqualTo(2000);
		assertThat(arrived).isEqualTo(written);
		assertThat(broker.receive(queue, Duration.ofMillis(300))).as("a message more than written").isNull();
	}

	@Test
	void anOutageMidStreamLosesNothingAndKeepsEachResourcesOrder() throws Exception {
		String queue = broker.bindQueue(OUTAGE, "#");
		List<UUID> emitted = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean failed = new AtomicBoolean();
		Thread writer = new Thread(() -> {
			try {
				for (int i = 0; i < 300; i++) {
					emitted.add(this.bus.emitUpdated("outage", "r-" + (i % 10), Map.of("n", i - 1), Map.of("n", i)));
					Thread.sleep(10);
				}
			}
			catch (Exception ex) {
				failed.set(true);
			}
		});
		writer.start();
		List<Event> arrivals = new ArrayList<>(read(broker.receive(queue, 50, Duration.ofSeconds(20))));
		assertThat(arrivals).hasSize(50);
		proxy.cut();
		Thread.sleep(1500);
		proxy.restore();
		writer.join();
		assertThat(failed).isFalse();
		assertThat(emitted).hasSize(300);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!arrivals.stream().map(Event::eventId).toList().containsAll(emitted) && System.nanoTime() < deadline) {
			arrivals.addAll(read(broker.receive(queue, 300, Duration.ofMillis(500))));
		}
		assertThat(arrivals).extracting(Event::eventId).as("lost").containsAll(emitted);
		for (UUID eventId : emitted) {
			assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		}
		// at least once: a message whose confirmation the cut took is sent again, but no
		// event arrives for the first time before an earlier one of its resource
		Set<UUID> seen = new HashSet<>();
		Map<String, List<Long>> firstArrivals = new LinkedHashMap<>();
		for (Event event : arrivals) {
			if (seen.add(event.eventId())) {
				firstArrivals.computeIfAbsent(event.resourceId(), (id) -> new ArrayList<>()).add(event.id());
			}
		}
		firstArrivals.forEach((resource, ids) -> assertThat(ids).as(resource).isSorted());
		// the cut was felt: some deliveries failed before they went through
		int retried = this.jdbc
			.sql("select count(*) from _event_deliveries where subscriber = 'amqp:outage' and attempts > 1")
			.query(Integer.class)
			.single();
		assertThat(retried).isPositive();
	}

	@Test
	void deliveriesToAnExchangeThatDoesNotExistDieWithTheBrokersReasonAndGoThroughOnceItExists() {
		UUID eventId = this.bus.emitUpdated("lost", "l-1", Map.of("n", 0), Map.of("n", 1));
		JsonNode dead = awaitDead(eventId, "amqp:missing");
		assertThat(dead.get("attempts").asInt()).isEqualTo(2);
		assertThat(dead.get("lastError").asString())
			.contains("exchange '" + MISSING + "' with routing key 'lost.updated'")
			.contains("NOT_FOUND")
			.contains("no exchange '" + MISSING + "'");

		broker.declareExchange(MISSING);
		String queue = broker.bindQueue(MISSING, "#");
		assertThat(this.bus.retry(eventId)).isTrue();
		Message message = broker.receive(queue, Duration.ofSeconds(10));
		assertThat(message).isNotNull();
		assertThat(AmqpEvents.read(message).eventId()).isEqualTo(eventId);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void anUnroutableMessageIsAFailureNamingExchangeRoutingKeyAndReplyAndGoesThroughOnceBound() {
		UUID eventId = this.bus.emitUpdated("stray", "s-1", Map.of("n", 0), Map.of("n", 1));
		JsonNode dead = awaitDead(eventId, "amqp:unbound");
		assertThat(dead.get("attempts").asInt()).isEqualTo(1);
		assertThat(dead.get("lastError").asString())
			.contains("exchange '" + UNBOUND + "' with routing key 'stray.updated'")
			.contains("312 NO_ROUTE");

		String queue = broker.bindQueue(UNBOUND, "stray.*");
		assertThat(this.endpoint.retry(eventId.toString())).isPresent();
		Message message = broker.receive(queue, Duration.ofSeconds(10));
		assertThat(message).isNotNull();
		assertThat(AmqpEvents.read(message).eventId()).isEqualTo(eventId);
	}

	@Test
	void theApplicationsOwnTemplateIsTheOneItInjects() {
		assertThat(this.applicationTemplate.getConnectionFactory().isPublisherConfirms()).isFalse();
		assertThat(this.applicationTemplate.isMandatoryFor(new Message(new byte[0]))).isFalse();
	}

	/**
	 * Wait for a delivery to show in the actuator's dead list, read as its JSON.
	 */
	private JsonNode awaitDead(UUID eventId, String subscriber) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			for (JsonNode delivery : json.valueToTree(this.endpoint.list("dead", "1000")).get("deliveries")) {
				if (delivery.get("eventId").asString().equals(eventId.toString())
						&& delivery.get("subscriber").asString().equals(subscriber)) {
					return delivery;
				}
			}
			return null;
		}, (delivery) -> delivery != null);
	}

	private static JsonNode withoutDispatchedAt(String document) {
		ObjectNode node = (ObjectNode) json.readTree(document);
		node.remove("dispatchedAt");
		return node;
	}

	private static List<Event> read(List<Message> messages) {
		return messages.stream().map(AmqpEvents::read).toList();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static TcpProxy proxy() {
		try {
			return new TcpProxy(TestBroker.HOST, TestBroker.PORT);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
