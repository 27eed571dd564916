package dev.eventstarter.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventContext;
import dev.eventstarter.console.consoleapp.ConsoleApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's page and JSON API over real HTTP (issue 21), on each database, with
 * background dispatch off so that what the console shows holds still.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "events.console.enabled=true", "events.sse.enabled=true",
				"events.console.trace-url=https://traces.example/trace/{traceId}",
				"events.jdbc.initialize-schema=always", "events.dispatch.enabled=false",
				"events.delivery.initial-delay=1h" })
abstract class ConsoleApiContractTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static final String API = "/events/console/api/";

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@LocalServerPort
	int port;

	@Autowired
	EventBus bus;

	@Autowired
	JdbcClient jdbc;

	private UUID dead;

	@BeforeEach
	void oneDeadDelivery() {
		this.jdbc.sql("delete from _event_deliveries").update();
		this.jdbc.sql("delete from _events").update();
		ConsoleApplication.healthy.set(false);
		this.dead = this.bus.emit("work.fragile", "a");
		this.bus.drain();
	}

	@Test
	void overviewCountsTheBacklogThePastHourAndEachSubscriber() throws Exception {
		this.bus.emit("work.waiting", "b");
		JsonNode overview = read(send("GET", API + "overview", "admin", Map.of()), 200);
		assertThat(overview.get("undispatched").asLong()).isEqualTo(1);
		assertThat(overview.get("deliveries")).isEqualTo(json.readTree("""
				{"pending": 0, "failed": 0, "dead": 1}"""));
		JsonNode counts = overview.get("eventsPerMinute").get("counts");
		assertThat(counts).hasSize(60);
		long total = 0;
		for (JsonNode count : counts) {
			total += count.asLong();
		}
		assertThat(total).isEqualTo(2);
		JsonNode subscriber = overview.get("subscribers").get(0);
		assertThat(subscriber.get("subscriber").asString()).isEqualTo("fragile");
		assertThat(subscriber.get("dead").asLong()).isEqualTo(1);
	}

	@Test
	void searchFiltersByResourceUserAndTypeAndPagesNewestOrOldestFirst() throws Exception {
		UUID created = this.bus.emitCreated("tickets", "7", Map.of("title", "a"));
		UUID updated = EventContext.with()
			.userId("carol")
			.call(() -> this.bus.emitUpdated("tickets", "7", Map.of("title", "a"), Map.of("title", "b")));
		this.bus.emitCreated("tickets", "8", Map.of("title", "c"));

		JsonNode newest = read(send("GET", API + "events?resourceName=tickets&resourceId=7&limit=1", "admin", Map.of()),
				200);
		assertThat(eventIds(newest)).containsExactly(updated.toString());
		JsonNode older = read(send("GET",
				API + "events?resourceName=tickets&resourceId=7&limit=1&cursor=" + newest.get("next").asLong(), "admin",
				Map.of()), 200);
		assertThat(eventIds(older)).containsExactly(created.toString());
		JsonNode oldest = read(
				send("GET", API + "events?resourceName=tickets&resourceId=7&order=oldest", "admin", Map.of()), 200);
		assertThat(eventIds(oldest)).containsExactly(created.toString(), updated.toString());
		assertThat(oldest.get("next").isNull()).isTrue();
		assertThat(eventIds(read(send("GET", API + "events?user=carol", "admin", Map.of()), 200)))
			.containsExactly(updated.toString());
		assertThat(eventIds(read(
				send("GET", API + "events?type=" + encode("tickets.*") + "&resourceId=8", "admin", Map.of()), 200)))
			.hasSize(1);
		JsonNode state = read(
				send("GET", API + "state?resourceName=tickets&resourceId=7&at=" + Instant.now(), "admin", Map.of()),
				200);
		assertThat(state.get("state")).isEqualTo(json.readTree("{\"title\": \"b\"}"));
	}

	@Test
	void eventDetailShowsItsDeliveriesAndRetryingAllDeadOnesMakesThemSucceed() throws Exception {
		JsonNode detail = read(send("GET", API + "events/" + this.dead, "admin", Map.of()), 200);
		assertThat(detail.get("event").get("eventType").asString()).isEqualTo("work.fragile");
		JsonNode delivery = detail.get("deliveries").get(0);
		assertThat(delivery.get("subscriber").asString()).isEqualTo("fragile");
		assertThat(delivery.get("status").asString()).isEqualTo("DEAD");
		assertThat(delivery.get("lastError").asString()).contains("fragile subscriber is down");
		JsonNode dead = read(send("GET", API + "deliveries?status=DEAD", "admin", Map.of()), 200);
		assertThat(dead.get("total").asLong()).isEqualTo(1);

		ConsoleApplication.healthy.set(true);
		JsonNode retried = read(send("POST", API + "deliveries/retry?status=DEAD&subscriber=fragile", "admin",
				writeHeaders(csrfToken())), 200);
		assertThat(retried.get("events").asInt()).isEqualTo(1);
		assertThat(retried.get("deliveries").asLong()).isEqualTo(1);
		this.bus.drain();
		assertThat(this.bus.awaitDelivery(this.dead, Duration.ofSeconds(5))).isTrue();
		assertThat(read(send("GET", API + "events/" + this.dead, "admin", Map.of()), 200).get("deliveries")
			.get(0)
			.get("status")
			.asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void writesNeedTheCsrfTokenAndTheConsoleHeader() throws Exception {
		String retry = API + "events/" + this.dead + "/retry";
		// refused by Spring Security's CSRF filter, before authentication: 403, or 401
		// from
		// the error page it forwards to
		assertThat(send("POST", retry, "admin", Map.of(ConsoleApi.WRITE_HEADER, "1")).statusCode()).isIn(401, 403);
		assertThat(this.jdbc.sql("select status from _event_deliveries").query(String.class).single())
			.isEqualTo("DEAD");
		Map<String, String> csrf = csrfToken();
		HttpResponse<String> withoutHeader = send("POST", retry, "admin", csrf);
		assertThat(withoutHeader.statusCode()).isEqualTo(403);
		assertThat(withoutHeader.body()).contains("Console writes must carry the header X-Events-Console: 1");
		assertThat(read(send("POST", retry, "admin", writeHeaders(csrf)), 200).get("deliveries").asLong()).isEqualTo(1);
	}

	@Test
	void withoutTheRoleTheConsoleIsRefused() throws Exception {
		assertThat(send("GET", "/events/console/", null, Map.of()).statusCode()).isEqualTo(401);
		assertThat(send("GET", API + "overview", null, Map.of()).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/events/console/", "editor", Map.of()).statusCode()).isEqualTo(403);
		assertThat(send("GET", API + "overview", "editor", Map.of()).statusCode()).isEqualTo(403);
	}

	@Test
	void thePageAndItsSettingsAreServedUnderThePath() throws Exception {
		HttpResponse<String> redirect = send("GET", "/events/console", "admin", Map.of());
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValue("/events/console/");
		HttpResponse<String> page = send("GET", "/events/console/", "admin", Map.of());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\">");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).startsWith("default-src 'self'"));
		assertThat(send("GET", "/events/console/console.js", "admin", Map.of()).headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(send("GET", "/events/console/console.css", "admin", Map.of()).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/events/console/ConsoleApi.class", "admin", Map.of()).statusCode()).isEqualTo(404);
		assertThat(read(send("GET", API + "settings", "admin", Map.of()), 200)).isEqualTo(json.readTree("""
				{"traceUrl": "https://traces.example/trace/{traceId}", "stream": "/events/stream",
				 "writeHeader": "X-Events-Console"}"""));
	}

	@Test
	void badParametersAreRefusedSayingWhatToFix() throws Exception {
		assertThat(read(send("GET", API + "events?limit=0", "admin", Map.of()), 400).get("error").asString())
			.isEqualTo("limit must be from 1 to 500, but was 0");
		assertThat(read(send("GET", API + "events?since=yesterday", "admin", Map.of()), 400).get("error").asString())
			.isEqualTo("since must be an ISO-8601 instant such as 2026-12-02T19:00:00Z, but was 'yesterday'");
		assertThat(read(send("GET", API + "deliveries?status=LOST", "admin", Map.of()), 400).get("error").asString())
			.startsWith("status must be PENDING, FAILED or DEAD");
		assertThat(read(send("GET", API + "events/nope", "admin", Map.of()), 400).get("error").asString())
			.startsWith("eventId must be a UUID");
		assertThat(
				read(send("GET", API + "events/" + UUID.randomUUID(), "admin", Map.of()), 404).get("error").asString())
			.startsWith("No event with id");
	}

	private Map<String, String> csrfToken() throws Exception {
		JsonNode csrf = read(send("GET", API + "csrf", "admin", Map.of()), 200);
		return Map.of(csrf.get("headerName").asString(), csrf.get("token").asString());
	}

	private static Map<String, String> writeHeaders(Map<String, String> csrf) {
		Map<String, String> headers = new java.util.HashMap<>(csrf);
		headers.put(ConsoleApi.WRITE_HEADER, "1");
		return headers;
	}

	private HttpResponse<String> send(String method, String path, String user, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode read(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return json.readTree(response.body());
	}

	private static List<String> eventIds(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("events").forEach((event) -> ids.add(event.get("eventId").asString()));
		return ids;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
