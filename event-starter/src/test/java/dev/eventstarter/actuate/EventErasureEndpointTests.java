package dev.eventstarter.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.eventstarter.EventBus;
import dev.eventstarter.actuate.opsapp.OpsApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code eventerasure} endpoint over real HTTP, on embedded H2, with basic
 * authentication and the audit log on.
 */
@SpringBootTest(classes = OpsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "events.jdbc.initialize-schema=always", "events.dispatch.enabled=false",
				"events.audit.enabled=true", "events.audit.events=tickets.*",
				"management.endpoints.web.exposure.include=events,eventerasure" })
@ExtendWith(OutputCaptureExtension.class)
class EventErasureEndpointTests {

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	EventBus bus;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyTables() {
		for (String table : List.of("_audit_log", "_event_deliveries", "_events", "ops_tickets")) {
			this.jdbc.sql("delete from " + table).update();
		}
	}

	@Test
	void erasingAResourceAnswersTheCounts(CapturedOutput output) throws Exception {
		long id = send(this.port, "POST", "/tickets", "Printer on fire", 200).asLong();
		send(this.port, "PUT", "/tickets/" + id, "Printer fixed", 200);
		JsonNode result = send(this.port, "DELETE", "/actuator/eventerasure?resourceName=tickets&resourceId=" + id,
				null, 200);
		assertThat(result).isEqualTo(json.readTree("{\"events\": 2, \"auditRows\": 0}"));
		assertThat(this.jdbc.sql("select data from _events where resource_name = 'tickets' order by id")
			.query(String.class)
			.list()).noneMatch((data) -> data.contains("Printer") || data.contains("s3cr3t"));
		assertThat(output).contains("Erased the values of resource tickets/" + id + " from 2 events");
	}

	@Test
	void erasingAUserAnswersTheCountsAndLogsNoUserId(CapturedOutput output) throws Exception {
		send(this.port, "POST", "/tickets", "Printer on fire", 200);
		this.bus.drain();
		int outputBefore = output.length();
		JsonNode result = send(this.port, "DELETE", "/actuator/eventerasure?userId=alice", null, 200);
		assertThat(result).isEqualTo(json.readTree("{\"events\": 1, \"auditRows\": 1}"));
		assertThat(this.jdbc.sql("select count(*) from _audit_log where user_id is null and ip is null")
			.query(Integer.class)
			.single()).isOne();
		assertThat(output.toString().substring(outputBefore))
			.contains("Erased a user's session variables from 1 events and 1 audit rows")
			.doesNotContain("alice");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					''                                             | Say what to erase: send resourceName and resourceId (?resourceName=posts&resourceId=42) or userId (?userId=alice)
					?resourceName=tickets                          | resourceId is missing: Say what to erase
					?resourceId=1                                  | resourceName is missing: Say what to erase
					?resourceName=tickets&resourceId=1&userId=bob  | Erase a resource or a user, not both
					?userId=%20                                    | userId must not be blank
					?resourceName=%20&resourceId=1                 | resourceName must not be blank
					""")
	void badRequestsSayWhatToSend(String query, String error) throws Exception {
		JsonNode body = send(this.port, "DELETE", "/actuator/eventerasure" + query, null, 400);
		assertThat(body.get("status").asInt()).isEqualTo(400);
		assertThat(body.get("error").asString()).contains(error);
	}

	@Test
	void theEndpointIsNotFoundUnlessExposed() throws Exception {
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(OpsApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--events.jdbc.initialize-schema=always",
				"--events.dispatch.enabled=false", "--management.endpoints.web.exposure.include=events")) {
			int port = ((WebServerApplicationContext) other).getWebServer().getPort();
			send(port, "GET", "/actuator/events", null, 200);
			send(port, "DELETE", "/actuator/eventerasure?userId=alice", null, 404);
		}
	}

	private JsonNode send(int port, String method, String path, String body, int status) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", path.startsWith("/actuator") ? "application/json" : "text/plain")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
		return (response.body().isEmpty() || status == 404) ? json.nullNode() : json.readTree(response.body());
	}

}
