package dev.eventstarter.sample.live;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.eventstarter.EventStore;
import dev.eventstarter.sample.SampleTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSE stream the live page follows, read over real HTTP with basic credentials as
 * curl would: a new post arrives as a {@code posts.created} event with its
 * {@code _events.id}.
 */
class EventStreamTests extends SampleTestSupport {

	// the stream resumes by the row id, which only the stored event has
	@Autowired
	EventStore events;

	@Test
	void newPostArrivesOnTheStream() throws Exception {
		String credentials = Base64.getEncoder().encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + PORT + "/events/stream?types=posts.created"))
			.header("Authorization", "Basic " + credentials)
			.timeout(Duration.ofSeconds(20))
			.build();
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		try (BufferedReader stream = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			assertThat(stream.readLine()).isEqualTo(":connected");
			long id = createPost("Streamed");
			long eventId = this.events.history("posts", id).get(0).id();
			CompletableFuture<String> message = CompletableFuture.supplyAsync(() -> readMessage(stream));

			assertThat(message.get(15, TimeUnit.SECONDS)).contains("id:" + eventId, "event:posts.created",
					"\"resourceId\":\"" + id + "\"", "\"userId\":\"editor\"");
		}
	}

	private static String readMessage(BufferedReader stream) {
		try {
			StringBuilder message = new StringBuilder();
			for (String line = stream.readLine(); line != null; line = stream.readLine()) {
				if (line.isEmpty() && message.indexOf("data:") >= 0) {
					return message.toString();
				}
				message.append(line).append('\n');
			}
			return message.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
