package dev.eventstarter.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.EventBus;
import dev.eventstarter.web.SseClient.Frame;
import dev.eventstarter.web.streamapp.StreamApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live stream over real HTTP on each database that several instances share:
 * filtering, order, resuming without repeats or gaps (also when ids commit in reverse
 * order), slow clients, the cap on streams and tenant scoping.
 */
@SpringBootTest(classes = StreamApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "events.jdbc.initialize-schema=always", "events.sse.enabled=true",
				"events.sse.poll-interval=50ms", "events.sse.heartbeat=200ms", "events.sse.buffer-size=20",
				"events.sse.stall-timeout=2s", "events.sse.max-streams=8" })
@ExtendWith(OutputCaptureExtension.class)
abstract class EventStreamContractTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<AutoCloseable> clients = new ArrayList<>();

	@LocalServerPort
	int port;

	@Autowired
	EventBus bus;

	@Autowired
	EventStreamHub hub;

	@Autowired
	DataSource dataSource;

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		// the hub notices a closed client when its next heartbeat fails
		await().atMost(WAIT).until(() -> this.hub.streams() == 0);
	}

	@Test
	void streamsFilteredEventsInOrderAndResumesWithoutRepeats() throws Exception {
		SseClient client = connect("/events/stream?types=sse.a.*");
		assertThat(client.contentType()).startsWith("text/event-stream");
		UUID first = this.bus.emit("sse.a.created", 1);
		this.bus.emit("sse.b.created", 2);
		UUID second = this.bus.emit("sse.a.updated", 3);
		List<Frame> frames = client.next(2, WAIT);
		assertThat(frames).extracting(Frame::event).containsExactly("sse.a.created", "sse.a.updated");
		assertThat(frames.get(0).eventId()).isLessThan(frames.get(1).eventId());
		JsonNode data = JsonMapper.shared().readTree(frames.get(0).data());
		assertThat(data.get("eventId").asString()).isEqualTo(first.toString());
		assertThat(data.get("id").asLong()).isEqualTo(frames.get(0).eventId());
		assertThat(data.get("eventType").asString()).isEqualTo("sse.a.created");

		SseClient resumed = connect("/events/stream?types=sse.a.*", "Last-Event-ID", frames.get(0).id());
		Frame again = resumed.next(WAIT);
		assertThat(JsonMapper.shared().readTree(again.data()).get("eventId").asString()).isEqualTo(second.toString());
		this.bus.emit("sse.a.deleted", 4);
		assertThat(resumed.next(WAIT).event()).isEqualTo("sse.a.deleted");
		assertThat(client.next(WAIT).event()).isEqualTo("sse.a.deleted");
		assertThat(resumed.poll(Duration.ofMillis(300))).isNull();
	}

	@Test
	void anIdThatCommitsAfterALaterOneIsNotSkipped() throws Exception {
		SseClient client = connect("/events/stream?types=sse.order.*");
		try (Connection early = this.dataSource.getConnection(); Connection late = this.dataSource.getConnection()) {
			early.setAutoCommit(false);
			late.setAutoCommit(false);
			long earlyId = insert(early, "sse.order.early");
			long lateId = insert(late, "sse.order.late");
			assertThat(earlyId).isLessThan(lateId);
			late.commit();
			// the later id is committed, but the earlier one is not settled yet
			assertThat(client.poll(Duration.ofMillis(700))).isNull();
			early.commit();
			List<Frame> frames = client.next(2, WAIT);
			assertThat(frames).extracting(Frame::eventId).containsExactly(earlyId, lateId);
			SseClient resumed = connect("/events/stream?types=sse.order.*", "Last-Event-ID", Long.toString(lateId));
			this.bus.emit("sse.order.next", 1);
			assertThat(resumed.next(WAIT).event()).isEqualTo("sse.order.next");
		}
	}

	@Test
	void aSlowClientIsDisconnectedWithoutHoldingBackOthers(CapturedOutput output) throws Exception {
		SseClient fast = connect("/events/stream?types=sse.bulk.*");
		try (Socket slow = new Socket("localhost", this.port)) {
			slow.setReceiveBufferSize(4096);
			OutputStream out = slow.getOutputStream();
			out.write(("GET /events/stream?types=sse.bulk.* HTTP/1.1\r\nHost: localhost\r\n"
					+ "Accept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(WAIT).until(() -> this.hub.streams() == 2);
			String padding = "x".repeat(20_000);
			for (int i = 0; i < 300; i++) {
				this.bus.emit("sse.bulk.item", padding);
			}
			assertThat(fast.next(300, Duration.ofSeconds(30))).hasSize(300);
			await().atMost(WAIT).until(() -> this.hub.streams() == 1);
			assertThat(output).contains("Disconnected an SSE client that read nothing for PT2S with 20 events waiting");
			InputStream in = slow.getInputStream();
			assertThat(in.read()).as("the slow client got something before it fell behind").isNotEqualTo(-1);
		}
	}

	@Test
	void aTenantsStreamCarriesOnlyItsEvents() throws Exception {
		SseClient acme = connect("/events/stream?types=sse.t.*", "X-Tenant", "acme");
		this.bus.emit("sse.t.other", 1, EmitOptions.builder().tenant("globex").build());
		this.bus.emit("sse.t.none", 2);
		this.bus.emit("sse.t.mine", 3, EmitOptions.builder().tenant("acme").build());
		Frame frame = acme.next(WAIT);
		assertThat(frame.event()).isEqualTo("sse.t.mine");
		assertThat(JsonMapper.shared().readTree(frame.data()).get("tenant").asString()).isEqualTo("acme");
		assertThat(acme.poll(Duration.ofMillis(300))).isNull();
	}

	@Test
	void heartbeatsKeepAnIdleStreamOpen() throws Exception {
		SseClient idle = connect("/events/stream?types=sse.never");
		await().atMost(WAIT).until(() -> idle.comments() >= 2);
	}

	@Test
	void badRequestsAreRefusedSayingWhatToFix() throws Exception {
		assertThat(get("/events/stream?types=posts.*,bad%20pattern", null)).isEqualTo("400 {\"status\":400,\"error\":"
				+ "\"types: 'bad pattern' is not a valid type pattern: 1 to 255 letters, digits, '.', '_', '-', ':' "
				+ "or '*' (any run of characters)\"}");
		assertThat(get("/events/stream", "abc")).isEqualTo("400 {\"status\":400,\"error\":\"Last-Event-ID must be "
				+ "the id of an event received from this stream, but was 'abc'\"}");
	}

	@Test
	void streamsBeyondTheCapAreRefused() throws Exception {
		for (int i = 0; i < 8; i++) {
			connect("/events/stream?types=sse.cap");
		}
		assertThat(get("/events/stream", null)).isEqualTo(
				"503 {\"status\":503,\"error\":\"Too many event streams are open on this instance; retry later\"}");
	}

	/**
	 * Insert an event, already dispatched, in the connection's open transaction.
	 * @param connection a connection that does not commit by itself
	 * @param type the event type
	 * @return the event's id
	 * @throws SQLException when the insert fails
	 */
	abstract long insert(Connection connection, String type) throws SQLException;

	SseClient connect(String path, String... headers) throws Exception {
		SseClient client = SseClient.connect(this.http, "http://localhost:" + this.port + path, headers);
		this.clients.add(client);
		int expected = this.clients.size();
		await().atMost(WAIT).until(() -> this.hub.streams() >= expected);
		return client;
	}

	private String get(String path, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body();
	}

}
