package dev.eventstarter.sample;

import java.time.Duration;
import java.util.UUID;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.RecordedEvent;
import dev.eventstarter.test.RecordedEvents;
import dev.eventstarter.test.SettableClock;
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
 * {@code events.webhooks[0].url} is read at startup. event-starter-test records what each
 * test writes and turns background dispatch off: {@link #deliver(UUID)} delivers in the
 * test's thread, so nothing here waits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
public abstract class SampleTestSupport {

	protected static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final JsonMapper json = new JsonMapper();

	@Autowired
	protected MockMvcTester mvc;

	@Autowired
	protected EventBus bus;

	@Autowired
	protected RecordedEvents recorded;

	@Autowired
	protected SettableClock clock;

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
		return this.recorded.committed()
			.stream()
			.filter((event) -> event.eventType().equals(type) && String.valueOf(postId).equals(event.resourceId()))
			.reduce((first, second) -> second)
			.map(RecordedEvent::eventId)
			.orElseThrow(() -> new AssertionError("No " + type + " event for post " + postId + " in " + this.recorded));
	}

	/**
	 * Deliver everything due now, in this thread, and check that every durable subscriber
	 * got the event.
	 * @param eventId the event id
	 */
	protected void deliver(UUID eventId) {
		this.bus.drain();
		assertThat(this.bus.awaitDelivery(eventId, Duration.ZERO))
			.as("every durable subscriber received event %s", eventId)
			.isTrue();
	}

}
