package dev.eventstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.EventBus;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on its embedded H2 database, driven over real HTTP: each call that changes a
 * post leaves its row in {@code _events}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventBus bus;

	@Autowired
	PublicationLog publicationLog;

	@Test
	void postLifecycleOverHttpIsRecordedInTheEventsTable() throws Exception {
		HttpResponse<String> created = send("POST", "/api/posts", "{\"title\": \"Hello\", \"body\": \"First post\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		long id = this.json.readTree(created.body()).get("id").asLong();
		assertThat(send("POST", "/api/posts/" + id + "/publish", null).statusCode()).isEqualTo(200);
		assertThat(send("DELETE", "/api/posts/" + id, null).statusCode()).isEqualTo(204);

		List<Map<String, Object>> rows = this.jdbc
			.sql("select event_type, resource_id, source from _events where resource_id = ? order by id")
			.param(String.valueOf(id))
			.query()
			.listOfRows();
		assertThat(rows).extracting((row) -> row.get("EVENT_TYPE"))
			.containsExactly("posts.created", "posts.updated", "posts.deleted");
		assertThat(rows).extracting((row) -> row.get("SOURCE")).containsOnly("blog");

		JsonNode history = this.json.readTree(send("GET", "/api/posts/" + id + "/history", null).body());
		assertThat(history).hasSize(3);
		assertThat(history.get(1).at("/data/changes/updated").toString())
			.isEqualTo("[\"status\",\"publishedAt\",\"version\"]");
		assertThat(history.get(1).at("/data/new/status").asString()).isEqualTo("PUBLISHED");

		UUID published = UUID.fromString(history.get(1).get("eventId").asString());
		assertThat(this.bus.awaitDelivery(published, Duration.ofSeconds(10))).isTrue();
		assertThat(this.publicationLog.entries()).contains("post " + id + " \"Hello\" is now PUBLISHED");
	}

	@Test
	void badRequestsAreRejectedWithClearAnswers() throws Exception {
		HttpResponse<String> blank = send("POST", "/api/posts", "{\"title\": \" \"}");
		assertThat(blank.statusCode()).isEqualTo(400);
		HttpResponse<String> unknown = send("POST", "/api/posts/999999/publish", null);
		assertThat(unknown.statusCode()).isEqualTo(404);
		HttpResponse<String> badLimit = send("GET", "/api/events?limit=0", null);
		assertThat(badLimit.statusCode()).isEqualTo(400);
		assertThat(badLimit.body()).contains("limit must be between 1 and 10000, but was 0");
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
