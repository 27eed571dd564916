package dev.eventstarter.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client reading lines over the JDK {@link HttpClient}, collecting
 * the events it gets (comments are counted, not kept).
 */
public final class SseClient implements AutoCloseable {

	private final HttpResponse<InputStream> response;

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private volatile int comments;

	private SseClient(HttpResponse<InputStream> response) {
		this.response = response;
		Thread reader = new Thread(this::read, "sse-client");
		reader.setDaemon(true);
		reader.start();
	}

	public static SseClient connect(HttpClient http, String url, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "text/event-stream");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
			throw new IllegalStateException("HTTP " + response.statusCode() + ": " + body);
		}
		return new SseClient(response);
	}

	public Frame next(Duration timeout) throws InterruptedException {
		Frame frame = this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (frame == null) {
			throw new AssertionError("No event within " + timeout);
		}
		return frame;
	}

	public Frame poll(Duration timeout) throws InterruptedException {
		return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public List<Frame> next(int count, Duration timeout) throws InterruptedException {
		List<Frame> received = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (received.size() < count) {
			Frame frame = this.frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
					TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("Got " + received.size() + " of " + count + " events within " + timeout);
			}
			received.add(frame);
		}
		return received;
	}

	int comments() {
		return this.comments;
	}

	String contentType() {
		return this.response.headers().firstValue("Content-Type").orElse("");
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String event = null;
			StringBuilder data = new StringBuilder();
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (event != null || data.length() > 0) {
						this.frames.add(new Frame(id, event, data.toString(), System.nanoTime()));
					}
					id = null;
					event = null;
					data.setLength(0);
				}
				else if (line.startsWith(":")) {
					this.comments++;
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("event:")) {
					event = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	@Override
	public void close() throws IOException {
		this.response.body().close();
	}

	/**
	 * An event received.
	 *
	 * @param id its SSE id
	 * @param event its SSE event name
	 * @param data its data
	 * @param receivedNanos when it was read, by {@link System#nanoTime()}
	 */
	public record Frame(String id, String event, String data, long receivedNanos) {

		public long eventId() {
			return Long.parseLong(this.id);
		}

	}

}
