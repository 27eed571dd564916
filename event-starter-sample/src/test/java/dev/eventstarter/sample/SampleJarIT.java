package dev.eventstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a new user runs it: {@code java -jar} on the repackaged jar, on its
 * embedded H2. Inside the executable jar the starter still captures changes (its
 * Hibernate integrator and auto-configurations load from a nested jar) and delivers them.
 */
class SampleJarIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theJarStartsCapturesAChangeAndDeliversIt() throws Exception {
		try (SampleJar sample = SampleJar.start("sample-jar-it")) {
			HttpResponse<String> created = this.http
				.send(HttpRequest.newBuilder(URI.create(sample.url() + "/api/posts"))
					.header("Authorization", basic("editor", "editor"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"From the jar\", \"body\": \"Hello\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			HttpResponse<String> history = this.http
				.send(HttpRequest.newBuilder(URI.create(sample.url() + "/api/posts/1/history"))
					.header("Authorization", basic("editor", "editor"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(history.body()).contains("\"eventType\":\"posts.created\"", "\"title\":\"From the jar\"");
			assertThat(sample.output()).contains("Started SampleApplication");
		}
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
