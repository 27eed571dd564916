package dev.eventstarter.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.actuate.opsapp.OpsApplication;
import dev.eventstarter.test.DispatchState;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code events} endpoint, health contributor, gauges and audit log over real HTTP,
 * on each database that several instances share, with background dispatch off so that the
 * backlog holds still.
 */
@SpringBootTest(classes = OpsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "events.jdbc.initialize-schema=always", "events.dispatch.enabled=false",
				"events.delivery.initial-delay=1h", "events.audit.enabled=true", "events.audit.events=tickets.*",
				"management.endpoints.web.exposure.include=events,health",
				"management.endpoint.health.show-details=always", "management.tracing.sampling.probability=1.0" })
@ExtendWith(OutputCaptureExtension.class)
abstract class EventsEndpointContractTests {

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	EventBus bus;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	private UUID dead;

	private UUID failed;

	private UUID firstWaiting;

	@BeforeEach
	void knownBacklog() {
		for (String table : List.of("_audit_log", "_event_deliveries", "_events", "ops_tickets")) {
			this.jdbc.sql("delete from " + table).update();
		}
		OpsApplication.healthy.set(false);
		this.dead = this.bus.emit("work.fragile", "a");
		this.failed = this.bus.emit("work.flaky", "b");
		this.bus.drain();
		this.firstWaiting = this.bus.emit("work.waiting", "c");
		this.bus.emit("work.waiting", "d");
	}

	@Test
	void summaryCountsTheBacklog() throws Exception {
		JsonNode summary = get("/actuator/events", 200);
		assertThat(summary.get("undispatched").asLong()).isEqualTo(2);
		assertThat(Instant.parse(summary.get("oldestUndispatchedAt").asString()))
			.isBetween(Instant.now().minusSeconds(60), Instant.now());
		assertThat(summary.get("deliveries")).isEqualTo(json.readTree("""
				{"pending": 0, "failed": 1, "dead": 1}"""));
	}

	@Test
	void undispatchedEventsAreListedOldestFirstWithTheirTotal() throws Exception {
		JsonNode page = get("/actuator/events/undispatched?limit=1", 200);
		assertThat(page.get("total").asLong()).isEqualTo(2);
		assertThat(page.get("events")).hasSize(1);
		JsonNode event = page.get("events").get(0);
		assertThat(event.get("eventId").asString()).isEqualTo(this.firstWaiting.toString());
		assertThat(event.propertyNames()).containsExactly("eventId", "eventType", "resourceName", "resourceId",
				"createdAt", "availableAt", "priority");
		assertThat(event.get("eventType").asString()).isEqualTo("work.waiting");
		assertThat(event.get("priority").asInt()).isEqualTo(5);
	}

	@Test
	void aDeadDeliveryIsListedWithItsErrorAndRetriedToSuccess() throws Exception {
		JsonNode page = get("/actuator/events/dead", 200);
		assertThat(page.get("total").asLong()).isEqualTo(1);
		JsonNode delivery = page.get("deliveries").get(0);
		assertThat(delivery.get("eventId").asString()).isEqualTo(this.dead.toString());
		assertThat(delivery.get("eventType").asString()).isEqualTo("work.fragile");
		assertThat(delivery.get("subscriber").asString()).isEqualTo("fragile");
		assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
		assertThat(delivery.get("lastError").asString()).contains("fragile subscriber is down");
		assertThat(delivery.get("lastAttemptAt").asString()).isNotBlank();

		OpsApplication.healthy.set(true);
		JsonNode retried = post("/actuator/events/" + this.dead, 200);
		assertThat(retried).isEqualTo(json.readTree("""
				{"eventId": "%s", "deliveries": 1, "undispatched": false}""".formatted(this.dead)));
		this.bus.drain();
		assertThat(this.bus.awaitDelivery(this.dead, Duration.ofSeconds(5))).isTrue();
		assertThat(get("/actuator/events/dead", 200).get("total").asLong()).isZero();
	}

	@Test
	void retryingAnUndispatchedEventMakesItDueNow() throws Exception {
		JsonNode retried = post("/actuator/events/" + this.firstWaiting, 200);
		assertThat(retried.get("undispatched").asBoolean()).isTrue();
		assertThat(retried.get("deliveries").asLong()).isZero();
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					GET  | /actuator/events/undispatched?limit=0    | 400 | limit must be from 1 to 1000, but was 0
					GET  | /actuator/events/undispatched?limit=1001 | 400 | limit must be from 1 to 1000, but was 1001
					GET  | /actuator/events/dead?limit=ten          | 400 | limit must be a whole number from 1 to 1000, but was 'ten'
					GET  | /actuator/events/stuck                   | 404 | No list 'stuck': use /actuator/events/undispatched or /actuator/events/dead
					POST | /actuator/events/not-a-uuid              | 400 | 'not-a-uuid' is not an event id: give the event's UUID, such as 0193a8e2-5c1f-7d3a-9b2e-4f6a1c2d3e4f
					POST | /actuator/events/0193a8e2-5c1f-7d3a-9b2e-4f6a1c2d3e4f | 404 | No event with id 0193a8e2-5c1f-7d3a-9b2e-4f6a1c2d3e4f
					""")
	void badRequestsSayWhatToFix(String method, String path, int status, String error) throws Exception {
		JsonNode body = method.equals("GET") ? get(path, status) : post(path, status);
		assertThat(body.get("error").asString()).isEqualTo(error);
		assertThat(DispatchState.undispatched(this.dataSource)).as("nothing changed").isEqualTo(2);
	}

	@Test
	void healthIsUpWithTheBacklogInItsDetails() throws Exception {
		JsonNode health = get("/actuator/health/events", 200);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode details = health.get("details");
		assertThat(details.get("undispatched").asLong()).isEqualTo(2);
		assertThat(details.get("dead").asLong()).isEqualTo(1);
		assertThat(details.get("failed").asLong()).isEqualTo(1);
		assertThat(Duration.parse(details.get("oldestUndispatchedAge").asString())).isLessThan(Duration.ofMinutes(1));
		assertThat(Duration.parse(details.get("lag").asString())).isLessThan(Duration.ofMinutes(1));
	}

	@Test
	void gaugesShowTheBacklog() {
		assertThat(this.meters.get("events.undispatched").gauge().value()).isEqualTo(2);
		assertThat(this.meters.get("events.deliveries.dead").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("events.dispatch.lag").gauge().value()).isBetween(0.0, 60.0);
	}

	@Test
	void changesMadeInARequestAreAuditedOnceWithoutTheirValues(CapturedOutput output) throws Exception {
		long id = send("POST", "/tickets", "Printer on fire", 200).asLong();
		send("PUT", "/tickets/" + id, "Printer fixed", 200);
		send("DELETE", "/tickets/" + id, "", 200);
		this.bus.emit("work.unaudited", "not a ticket");
		this.bus.emit("tickets.escalated", Map.of("reason", "smoke"));
		this.bus.emitUpdated("tickets", 7, Map.of("title", "Old", "owner", "bob"),
				Map.of("title", "New", "owner", "bob"));
		this.bus.drain();
		List<Map<String, Object>> all = auditRows();
		assertThat(all).extracting((row) -> row.get("action"))
			.containsExactly("created", "updated", "deleted", "escalated", "updated");
		// an application's own event: no resource, so no changed fields
		assertThat(all.get(3)).containsEntry("event_type", "tickets.escalated")
			.containsEntry("resource_name", null)
			.containsEntry("changed_fields", null)
			.containsEntry("user_id", null);
		assertThat(json.readTree(all.get(4).get("changed_fields").toString())).isEqualTo(json.readTree("[\"title\"]"));
		List<Map<String, Object>> rows = all.subList(0, 3);
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row).containsEntry("resource_name", "tickets")
				.containsEntry("resource_id", String.valueOf(id))
				.containsEntry("user_id", "alice")
				.containsEntry("role", "OPERATOR")
				.containsEntry("ip", "127.0.0.1")
				.containsEntry("user_agent", "ops-test/2.0");
			assertThat((String) row.get("trace_id")).matches("[0-9a-f]{32}");
		});
		assertThat(json.readTree(rows.get(1).get("changed_fields").toString())).isEqualTo(json.readTree("[\"title\"]"));
		assertThat(json.readValue(rows.get(0).get("changed_fields").toString(), String[].class))
			.containsExactlyInAnyOrder("id", "title", "accessCode");
		assertThat(output).contains("\"eventType\":\"tickets.updated\"", "\"userId\":\"alice\"")
			.doesNotContain("s3cr3t-access-code")
			.doesNotContain("Printer fixed");

		// a forced redelivery of every event neither duplicates a row nor logs it again
		int linesBefore = output.toString().split("\"eventType\":\"tickets.", -1).length;
		DispatchState.undispatch(this.dataSource, "resource_name = 'tickets'");
		this.bus.drain();
		assertThat(auditRows()).hasSize(5);
		assertThat(output.toString().split("\"eventType\":\"tickets.", -1)).hasSize(linesBefore);
	}

	private List<Map<String, Object>> auditRows() {
		return this.jdbc.sql("select * from _audit_log order by id").query().listOfRows();
	}

	private JsonNode get(String path, int status) throws Exception {
		return send("GET", path, null, status);
	}

	private JsonNode post(String path, int status) throws Exception {
		return send("POST", path, "", status);
	}

	private JsonNode send(String method, String path, String body, int status) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)))
			.header("User-Agent", "ops-test/2.0")
			.header("Content-Type", path.startsWith("/actuator") ? "application/json" : "text/plain")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
		return response.body().isEmpty() ? MissingNode.getInstance() : json.readTree(response.body());
	}

}
