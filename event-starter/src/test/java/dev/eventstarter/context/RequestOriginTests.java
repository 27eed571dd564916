package dev.eventstarter.context;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import dev.eventstarter.context.originapp.DeliveryRecorder;
import dev.eventstarter.context.originapp.DeliveryRecorder.Seen;
import dev.eventstarter.context.originapp.OriginApplication;
import dev.eventstarter.test.PostgresTestConfiguration;
import dev.eventstarter.tracing.DeliveryObservation;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who, where and which trace, over real HTTP: a web server on a random port, Spring
 * Security's basic authentication and the OpenTelemetry bridge, against PostgreSQL.
 */
@SpringBootTest(classes = OriginApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "events.jdbc.initialize-schema=always", "events.dispatch.enabled=true",
				"events.dispatch.poll-interval=50ms", "events.delivery.initial-delay=100ms",
				"management.tracing.sampling.probability=1.0" })
@Import(PostgresTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class RequestOriginTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	EventStore store;

	@Autowired
	EventBus bus;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeliveryRecorder recorder;

	@Autowired
	InMemorySpanExporter spans;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void emptyTables() {
		this.jdbc.sql("delete from _event_deliveries").update();
		this.jdbc.sql("delete from _events").update();
		this.spans.reset();
	}

	@Test
	void entityChangeInARequestStoresUserRolesIpAndUserAgent(CapturedOutput output) throws Exception {
		HttpResponse<String> response = post("/notes", "hello", "User-Agent", "origin-test/1.0", "X-Forwarded-For",
				"203.0.113.9");
		assertThat(response.statusCode()).isEqualTo(200);
		Event event = this.store.history("notes", firstId(response)).get(0);
		SessionVariables variables = event.sessionVariables();
		assertThat(variables).isNotNull();
		assertThat(variables.userId()).isEqualTo("alice");
		assertThat(variables.role()).isEqualTo("EDITOR");
		// forward headers are not trusted by default: the server decides, never the
		// starter
		assertThat(variables.ip()).isEqualTo("127.0.0.1");
		assertThat(variables.userAgent()).isEqualTo("origin-test/1.0");
		// the broken contributor's half-written key is dropped, the working one stays
		assertThat(variables.custom()).containsEntry("roles", List.of("EDITOR", "WRITER"))
			.containsEntry("plan", "gold")
			.doesNotContainKey("half");
		assertThat(output).contains(OriginApplication.class.getName()).contains("broken on purpose");
	}

	@Test
	void requestAndCorrelationIdHeadersLandInTheTraceContext() throws Exception {
		HttpResponse<String> response = post("/notes", "ids", "X-Request-Id", "req-42", "X-Correlation-Id", "order-7");
		TraceContext trace = this.store.history("notes", firstId(response)).get(0).traceContext();
		assertThat(trace).isNotNull();
		assertThat(trace.requestId()).isEqualTo("req-42");
		assertThat(trace.correlationId()).isEqualTo("order-7");
	}

	@Test
	void aRequestWithoutIdsGetsOneGeneratedRequestIdSharedByItsEvents() throws Exception {
		List<Event> first = eventsOf(post("/notes?count=2", "twice"));
		List<Event> second = eventsOf(post("/notes", "again"));
		TraceContext one = first.get(0).traceContext();
		TraceContext two = first.get(1).traceContext();
		assertThat(one.requestId()).hasSize(36).isEqualTo(two.requestId());
		assertThat(one.correlationId()).isEqualTo(one.requestId());
		assertThat(second.get(0).traceContext().requestId()).isNotEqualTo(one.requestId());
	}

	@Test
	void aW3cTraceparentIsStoredAndTheDurableDeliveryContinuesThatTrace() throws Exception {
		HttpResponse<String> response = post("/notes", "traced", "traceparent",
				"00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01");
		Event event = this.store.history("notes", firstId(response)).get(0);
		TraceContext stored = event.traceContext();
		assertThat(stored.traceId()).isEqualTo(TRACE_ID);
		// a span of the server's handling of the request, a descendant of the caller's
		assertThat(stored.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(CALLER_SPAN_ID);
		assertThat(stored.parentSpanId()).matches("[0-9a-f]{16}");
		assertThat(stored.sampled()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> ancestors(stored.spanId()).contains(CALLER_SPAN_ID));
		assertThat(ancestors(stored.spanId()).get(0)).isEqualTo(stored.parentSpanId());

		assertThat(this.bus.awaitDelivery(event.eventId(), Duration.ofSeconds(10))).isTrue();
		Seen durable = this.recorder.durable(event.eventId());
		assertThat(durable.traceId()).isEqualTo(TRACE_ID);
		assertThat(durable.spanId()).isNotEqualTo(stored.spanId());
		assertThat(durable.parentSpanId()).isEqualTo(stored.spanId());

		Seen afterCommit = this.recorder.afterCommit(event.eventId());
		assertThat(afterCommit.traceId()).isEqualTo(TRACE_ID);
		assertThat(afterCommit.parentSpanId()).isEqualTo(stored.spanId());

		await().atMost(Duration.ofSeconds(5)).until(() -> deliverySpans().size() >= 3);
		assertThat(deliverySpans()).allSatisfy((span) -> {
			assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(span.getParentSpanId()).isEqualTo(stored.spanId());
			assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(span.getAttributes().asMap().toString()).contains("event.id=" + event.eventId());
		})
			.extracting((span) -> span.getAttributes().asMap().toString())
			.anySatisfy((attributes) -> assertThat(attributes).contains("subscriber=deliveryRecorder.durable"))
			.anySatisfy((attributes) -> assertThat(attributes).contains("subscriber=deliveryRecorder.afterCommit"))
			.anySatisfy((attributes) -> assertThat(attributes).contains("subscriber=sender"));
		assertThat(this.meters.get(DeliveryObservation.NAME)
			.tag("subscriber", "sender")
			.tag("outcome", "success")
			.timer()
			.count()).isPositive();
	}

	@Test
	void aRetriedDeliveryContinuesTheSameTrace() throws Exception {
		HttpResponse<String> response = post("/pings", "", "traceparent",
				"00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01");
		UUID eventId = JsonMapper.shared().readValue(response.body(), UUID.class);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		String storedSpanId = this.store.findByEventId(eventId).orElseThrow().traceContext().spanId();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> deliverySpans().stream()
				.filter((span) -> span.getAttributes().asMap().toString().contains("subscriber=flaky"))
				.count() == 2);
		assertThat(deliverySpans())
			.filteredOn((span) -> span.getAttributes().asMap().toString().contains("subscriber=flaky"))
			.allSatisfy((span) -> {
				assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
				assertThat(span.getParentSpanId()).isEqualTo(storedSpanId);
			})
			.extracting((span) -> span.getAttributes().asMap().toString())
			.anySatisfy((attributes) -> assertThat(attributes).contains("outcome=failure"))
			.anySatisfy((attributes) -> assertThat(attributes).contains("outcome=success"));
		assertThat(this.meters.get(DeliveryObservation.NAME)
			.tag("subscriber", "flaky")
			.tag("outcome", "failure")
			.tag("error", "IllegalStateException")
			.timer()
			.count()).isPositive();
	}

	@Test
	void tenantIsStoredAndCurrentDuringDeliveryWithTheCorrelationId() throws Exception {
		HttpResponse<String> response = post("/pings?tenant=acme", "", "X-Correlation-Id", "corr-acme");
		UUID eventId = JsonMapper.shared().readValue(response.body(), UUID.class);
		Event event = this.store.findByEventId(eventId).orElseThrow();
		assertThat(event.tenant()).isEqualTo("acme");
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		Seen durable = this.recorder.durable(eventId);
		assertThat(durable.tenant()).isEqualTo("acme");
		assertThat(durable.correlationId()).isEqualTo("corr-acme");
	}

	@Test
	void emittedEventsAndDeliveriesAreMeasured() throws Exception {
		double emittedBefore = emitted("notes.pinged");
		HttpResponse<String> response = post("/pings", "");
		UUID eventId = JsonMapper.shared().readValue(response.body(), UUID.class);
		assertThat(this.bus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
		assertThat(emitted("notes.pinged")).isEqualTo(emittedBefore + 1);
		assertThat(this.meters.get(DeliveryObservation.NAME)
			.tag("subscriber", "deliveryRecorder.durable")
			.tag("event.type", "notes.pinged")
			.tag("delivery", "durable")
			.tag("outcome", "success")
			.timer()
			.count()).isPositive();
		// ids are never tags: a timer per event would grow without bound
		assertThat(this.meters.find(DeliveryObservation.NAME).timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTags().toString()).doesNotContain(eventId.toString()));
	}

	private double emitted(String type) {
		var counter = this.meters.find("events.emitted").tag("type", type).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * The ids of a span's parent, its parent's parent and so on, as far as the finished
	 * spans and the remote caller tell.
	 */
	private List<String> ancestors(String spanId) {
		Map<String, String> parents = new HashMap<>();
		this.spans.getFinishedSpanItems().forEach((span) -> parents.put(span.getSpanId(), span.getParentSpanId()));
		List<String> ancestors = new ArrayList<>();
		String parent = parents.get(spanId);
		while (parent != null && !ancestors.contains(parent)) {
			ancestors.add(parent);
			parent = parents.get(parent);
		}
		return ancestors;
	}

	private List<SpanData> deliverySpans() {
		return this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(DeliveryObservation.SPAN_NAME))
			.toList();
	}

	private List<Event> eventsOf(HttpResponse<String> response) {
		Long[] ids = JsonMapper.shared().readValue(response.body(), Long[].class);
		return List.of(ids).stream().map((id) -> this.store.history("notes", id).get(0)).toList();
	}

	private static long firstId(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.shared().readValue(response.body(), Long[].class)[0];
	}

	private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
