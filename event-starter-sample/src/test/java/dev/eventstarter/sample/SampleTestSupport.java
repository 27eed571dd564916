package dev.eventstarter.sample;

import java.time.Duration;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * One running sample for every test class: a real server on a free port, since the
 * webhook posts to it and the browser test loads the page from it, plus MockMvc for the
 * requests that need no network. The port is fixed before the context starts because
 * {@code events.webhooks[0].url} is read at startup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
public abstract class SampleTestSupport {

	protected static final int PORT = TestSocketUtils.findAvailableTcpPort();

	protected static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);

	private static final JsonMapper json = new JsonMapper();

	@Autowired
	protected MockMvcTester mvc;

	@Autowired
	protected EventBus bus;

	@Autowired
	protected EventStore events;

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	protected static RequestPostProcessor editor() {
		return httpBasic("editor", "editor");
	}

	protected static RequestPostProcessor admin() {
		return httpBasic("admin", "admin");
	}

	protected static JsonNode json(MvcTestResult result) {
		return json.readTree(result.getResponse().getContentAsByteArray());
	}

	protected long createPost(String title) {
		MvcTestResult created = this.mvc.post()
			.uri("/api/posts")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"" + title + "\", \"body\": \"Text of " + title + "\"}")
			.exchange();
		assertThat(created).hasStatus(201);
		return json(created).get("id").asLong();
	}

	protected void publishPost(long id) {
		assertThat(this.mvc.post().uri("/api/posts/{id}/publish", id).with(editor())).hasStatusOk();
	}

	/**
	 * The id of the latest event of a post with that type.
	 * @param type the event type
	 * @param postId the post id
	 * @return the event id
	 */
	protected UUID eventOf(String type, long postId) {
		return this.events.history("posts", postId)
			.stream()
			.filter((event) -> event.eventType().equals(type))
			.reduce((first, second) -> second)
			.map(Event::eventId)
			.orElseThrow(() -> new AssertionError("No " + type + " event for post " + postId));
	}

	protected void awaitDelivery(UUID eventId) {
		assertThat(this.bus.awaitDelivery(eventId, DELIVERY_TIMEOUT))
			.as("every durable subscriber received event %s", eventId)
			.isTrue();
	}

}
