package dev.eventstarter.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.eventstarter.Event;
import dev.eventstarter.store.EventTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One client's stream: what it wants, how far it got, and a bounded buffer of frames that
 * its own sender drains, so that a slow client only ever slows itself. A client that lets
 * its buffer fill is disconnected; it resumes with {@code Last-Event-ID}.
 */
final class EventStream {

	private static final Log logger = LogFactory.getLog(EventStream.class);

	private static final Set<DataWithMediaType> HEARTBEAT = frame(SseEmitter.event().comment("heartbeat"));

	private final SseEmitter emitter;

	private final @Nullable List<String> types;

	private final @Nullable String tenant;

	private final BlockingQueue<Set<DataWithMediaType>> buffer;

	private final Executor sender;

	private final AtomicBoolean sending = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Consumer<EventStream> onClose;

	private long cursor;

	private volatile @Nullable Instant stalledSince;

	EventStream(SseEmitter emitter, @Nullable List<String> types, @Nullable String tenant, long cursor, int bufferSize,
			Executor sender, Consumer<EventStream> onClose) {
		this.emitter = emitter;
		this.types = types;
		this.tenant = tenant;
		this.cursor = cursor;
		this.buffer = new ArrayBlockingQueue<>(bufferSize);
		this.sender = sender;
		this.onClose = onClose;
		emitter.onCompletion(this::close);
		emitter.onTimeout(this::close);
		emitter.onError((ex) -> close());
	}

	/**
	 * Build a frame once, to hand to any number of streams: a builder is not safe to
	 * share between the threads that send.
	 * @param builder the frame's builder
	 * @return the frame
	 */
	static Set<DataWithMediaType> frame(SseEventBuilder builder) {
		return Collections.unmodifiableSet(new LinkedHashSet<>(builder.build()));
	}

	long cursor() {
		return this.cursor;
	}

	void cursor(long cursor) {
		this.cursor = cursor;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	boolean wants(Event event) {
		if (this.tenant != null && !this.tenant.equals(event.tenant())) {
			return false;
		}
		if (this.types == null) {
			return true;
		}
		for (String pattern : this.types) {
			if (EventTypes.matches(pattern, event.eventType())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Queue a frame for the client.
	 * @param frame the frame
	 * @return {@code false} when the buffer is full: the frame must be offered again
	 * later
	 */
	boolean offer(Set<DataWithMediaType> frame) {
		if (this.closed.get()) {
			return true;
		}
		if (!this.buffer.offer(frame)) {
			if (this.stalledSince == null) {
				this.stalledSince = Instant.now();
			}
			return false;
		}
		if (this.sending.compareAndSet(false, true)) {
			send();
		}
		return true;
	}

	private void send() {
		try {
			this.sender.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// every sender is stuck writing to a client that stopped reading
			this.sending.set(false);
			close();
		}
	}

	/**
	 * Queue a heartbeat comment unless the buffer is full, in which case the client has
	 * plenty to read already.
	 */
	void heartbeat() {
		offer(HEARTBEAT);
	}

	private void drain() {
		try {
			Set<DataWithMediaType> frame;
			while (!this.closed.get() && (frame = this.buffer.poll()) != null) {
				this.emitter.send(frame);
				this.stalledSince = null;
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or the response completed
			if (logger.isDebugEnabled()) {
				logger.debug("SSE client gone: " + ex);
			}
			close();
		}
		finally {
			this.sending.set(false);
		}
		if (!this.buffer.isEmpty() && !this.closed.get() && this.sending.compareAndSet(false, true)) {
			send();
		}
	}

	boolean stalledLongerThan(Duration timeout, Instant now) {
		Instant since = this.stalledSince;
		return since != null && since.plus(timeout).isBefore(now);
	}

	void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.buffer.clear();
			this.onClose.accept(this);
			// completing waits for a write in progress, which a client that stopped
			// reading blocks until the server's write timeout: never on the caller's
			// thread
			Thread completion = new Thread(this::complete, "events-sse-close");
			completion.setDaemon(true);
			completion.start();
		}
	}

	private void complete() {
		try {
			this.emitter.complete();
		}
		catch (RuntimeException ex) {
			// already completed
		}
	}

}
