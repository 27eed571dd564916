package dev.eventstarter.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRowMapper;
import dev.eventstarter.store.PendingEvent;
import dev.eventstarter.store.RelayedEventsListener;
import dev.eventstarter.store.StoredEvent;
import dev.eventstarter.store.TransactionEventsListener;
import dev.eventstarter.store.VisibilityHorizon;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

/**
 * Feeds every SSE stream of this instance from the event table: one thread reads the rows
 * up to the settled horizon once per distinct client position and hands each client the
 * events it wants. Streaming from the table, not from this JVM's commits, makes every
 * instance stream every instance's events, and lets a client resume anywhere.
 */
final class EventStreamHub implements SmartLifecycle, TransactionEventsListener, RelayedEventsListener {

	private static final Log logger = LogFactory.getLog(EventStreamHub.class);

	private static final int PAGE_SIZE = 500;

	private static final long SETTLING_POLL_NANOS = 10_000_000;

	private static final String ROWS = "select %s from _events where id > :after and id <= :upTo order by id limit :limit";

	private final JdbcClient jdbc;

	private final EventRowMapper rowMapper;

	private final String rows;

	private final EventJson json;

	private final VisibilityHorizon horizon;

	private final StreamSettings settings;

	private final Clock clock;

	private final List<EventStream> streams = new CopyOnWriteArrayList<>();

	private final AtomicInteger streamCount = new AtomicInteger();

	private final AtomicBoolean signalled = new AtomicBoolean();

	private final ExecutorService senders;

	private volatile long settled = -1;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	private Instant nextHeartbeat = Instant.EPOCH;

	private boolean failing;

	EventStreamHub(JdbcClient jdbc, EventJson json, DatabasePlatform platform, VisibilityHorizon horizon,
			StreamSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.rowMapper = new EventRowMapper(json.mapper(), platform);
		this.rows = ROWS.formatted(EventRowMapper.columns(platform));
		this.json = json;
		this.horizon = horizon;
		this.settings = settings;
		this.clock = clock;
		// a sender blocks in its write while its client reads: one thread per stream,
		// and room for those still stuck writing to clients that were disconnected
		CustomizableThreadFactory threads = new CustomizableThreadFactory("events-sse-");
		threads.setDaemon(true);
		this.senders = new ThreadPoolExecutor(0, settings.maxStreams() * 2, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), threads);
	}

	/**
	 * Open a stream.
	 * @param types the type patterns it wants, or {@code null} for all
	 * @param tenant the only tenant it may see, or {@code null} for all
	 * @param lastEventId where the client got to, or {@code null} to start with new
	 * events
	 * @return the emitter, or {@code null} when the cap on streams is reached
	 */
	@Nullable SseEmitter open(@Nullable List<String> types, @Nullable String tenant, @Nullable Long lastEventId) {
		if (this.streamCount.incrementAndGet() > this.settings.maxStreams()) {
			this.streamCount.decrementAndGet();
			return null;
		}
		SseEmitter emitter = new SseEmitter(this.settings.timeout().toMillis());
		long start = (lastEventId != null) ? lastEventId : this.settled;
		EventStream stream = new EventStream(emitter, types, tenant, start, this.settings.bufferSize(), this.senders,
				(closed) -> {
					this.streams.remove(closed);
					this.streamCount.decrementAndGet();
				});
		this.streams.add(stream);
		// commits the response now, so that the client knows the stream is open
		stream.offer(EventStream.frame(SseEmitter.event().comment("connected")));
		signal();
		return emitter;
	}

	int streams() {
		return this.streams.size();
	}

	@Override
	public void afterCommit(List<PendingEvent> events) {
		signal();
	}

	@Override
	public void relayed(int count) {
		signal();
	}

	private void signal() {
		Thread current = this.thread;
		if (current != null && this.signalled.compareAndSet(false, true)) {
			LockSupport.unpark(current);
		}
	}

	private void loop() {
		while (this.running) {
			try {
				heartbeatWhenDue();
				cycle();
				if (this.failing) {
					logger.info("Event streams resumed reading the event table");
					this.failing = false;
				}
			}
			catch (RuntimeException ex) {
				if (!this.failing) {
					logger.warn("Event streams cannot read the event table, retrying every "
							+ this.settings.pollInterval() + ": " + ex.getMessage());
					this.failing = true;
				}
			}
			if (!this.signalled.getAndSet(false)) {
				LockSupport.parkNanos(nextWait());
			}
		}
	}

	/**
	 * How long to wait for a signal: the poll interval, or less while ids a client waits
	 * for are settling, since their commit signal may have come before they settled.
	 */
	private long nextWait() {
		long poll = this.settings.pollInterval().toNanos();
		return (!this.streams.isEmpty() && this.horizon.isSettling()) ? Math.min(poll, SETTLING_POLL_NANOS) : poll;
	}

	void cycle() {
		long horizon = this.horizon.settled();
		if (horizon > this.settled) {
			boolean first = this.settled < 0;
			this.settled = horizon;
			if (first) {
				for (EventStream stream : this.streams) {
					if (stream.cursor() < 0) {
						stream.cursor(this.settled);
					}
				}
			}
		}
		if (this.settled >= 0) {
			deliver();
		}
	}

	/**
	 * Disconnect the clients that have not read anything for the stall timeout. They cost
	 * a bounded buffer until then; the table, not memory, holds what they have not read.
	 */
	private void dropStalledStreams() {
		Instant now = this.clock.instant();
		for (EventStream stream : this.streams) {
			if (stream.stalledLongerThan(this.settings.stallTimeout(), now)) {
				logger.info("Disconnected an SSE client that read nothing for " + this.settings.stallTimeout()
						+ " with " + this.settings.bufferSize() + " events waiting; it can resume with Last-Event-ID "
						+ stream.cursor());
				stream.close();
			}
		}
	}

	/**
	 * Send the heartbeats that are due, also while the table cannot be read: they keep
	 * the streams open and find the clients that went away.
	 */
	private void heartbeatWhenDue() {
		Instant now = this.clock.instant();
		if (!now.isBefore(this.nextHeartbeat)) {
			this.nextHeartbeat = now.plus(this.settings.heartbeat());
			this.streams.forEach(EventStream::heartbeat);
		}
	}

	/**
	 * Bring every stream up to the settled horizon, reading each page of rows once for
	 * all streams at the same position.
	 */
	private void deliver() {
		long upTo = this.settled;
		Map<Long, List<EventStream>> byCursor = new LinkedHashMap<>();
		AtomicBoolean more = new AtomicBoolean();
		for (EventStream stream : this.streams) {
			if (stream.cursor() < 0) {
				stream.cursor(upTo);
			}
			if (stream.cursor() < upTo && !stream.isClosed()) {
				byCursor.computeIfAbsent(stream.cursor(), (cursor) -> new ArrayList<>()).add(stream);
			}
		}
		byCursor.forEach((cursor, streams) -> {
			List<StoredEvent> rows = this.jdbc.sql(this.rows)
				.param("after", cursor)
				.param("upTo", upTo)
				.param("limit", PAGE_SIZE)
				.query(this.rowMapper)
				.list();
			boolean fullPage = rows.size() == PAGE_SIZE;
			more.compareAndSet(false, fullPage);
			List<EventStream> open = new ArrayList<>(streams);
			for (StoredEvent event : rows) {
				Set<DataWithMediaType> frame = null;
				for (Iterator<EventStream> candidates = open.iterator(); candidates.hasNext();) {
					EventStream stream = candidates.next();
					if (stream.wants(event)) {
						if (frame == null) {
							frame = EventStream.frame(SseEmitter.event()
								.id(Long.toString(event.id()))
								.name(event.eventType())
								.data(this.json.document(event)));
						}
						if (!stream.offer(frame)) {
							// its buffer is full: it goes on from here once it has read
							candidates.remove();
							continue;
						}
					}
					stream.cursor(event.id());
				}
			}
			long next = fullPage ? rows.get(rows.size() - 1).id() : upTo;
			open.forEach((stream) -> stream.cursor(Math.max(stream.cursor(), next)));
		});
		dropStalledStreams();
		if (more.get()) {
			signal();
		}
	}

	@Override
	public void start() {
		this.running = true;
		Thread loop = new Thread(this::loop, "events-sse-hub");
		loop.setDaemon(true);
		this.thread = loop;
		loop.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread loop = this.thread;
		this.thread = null;
		if (loop != null) {
			LockSupport.unpark(loop);
		}
		new ArrayList<>(this.streams).forEach(EventStream::close);
		this.senders.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
