package dev.eventstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventstarter.Backoff;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.capture.CaptureErrorHandling;
import dev.eventstarter.capture.CapturedEntities;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of event-starter.
 */
@ConfigurationProperties("events")
public class EventsProperties {

	/**
	 * Whether to enable event-starter: capture, the event API and the event tables.
	 */
	private boolean enabled = true;

	/**
	 * Name of the emitting service, recorded in each event's source. Defaults to
	 * spring.application.name.
	 */
	private @Nullable String source;

	/**
	 * Largest payload, as JSON, that the application may emit; larger ones are refused
	 * before anything is written.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	private final Capture capture = new Capture();

	private final Jdbc jdbc = new Jdbc();

	private final Dispatch dispatch = new Dispatch();

	private final Delivery delivery = new Delivery();

	private final Retention retention = new Retention();

	private final Audit audit = new Audit();

	/**
	 * HTTP endpoints events are posted to, each a durable subscriber 'webhook:<name>':
	 * name, url, events, secret, headers, timeout, max-attempts.
	 */
	private final List<Webhook> webhooks = new ArrayList<>();

	private final Sse sse = new Sse();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getSource() {
		return this.source;
	}

	public void setSource(@Nullable String source) {
		this.source = source;
	}

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		Assert.isTrue(maxPayloadSize.toBytes() >= 1024 && maxPayloadSize.toBytes() <= Integer.MAX_VALUE,
				() -> "events.max-payload-size must be from 1KB to 2GB, but was " + maxPayloadSize);
		this.maxPayloadSize = maxPayloadSize;
	}

	public Capture getCapture() {
		return this.capture;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Dispatch getDispatch() {
		return this.dispatch;
	}

	public Delivery getDelivery() {
		return this.delivery;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public Audit getAudit() {
		return this.audit;
	}

	public List<Webhook> getWebhooks() {
		return this.webhooks;
	}

	public Sse getSse() {
		return this.sse;
	}

	/**
	 * Capture of JPA entity changes.
	 */
	public static class Capture {

		/**
		 * Whether to capture JPA entity changes as events.
		 */
		private boolean enabled = true;

		/**
		 * Which entities to capture: all of them except those annotated @Untracked, or
		 * only those annotated @Tracked.
		 */
		private CapturedEntities entities = CapturedEntities.ALL;

		/**
		 * What to do when the event of a change cannot be built: fail the transaction, or
		 * log a warning and skip the event.
		 */
		private CaptureErrorHandling onError = CaptureErrorHandling.FAIL;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public CapturedEntities getEntities() {
			return this.entities;
		}

		public void setEntities(CapturedEntities entities) {
			this.entities = entities;
		}

		public CaptureErrorHandling getOnError() {
			return this.onError;
		}

		public void setOnError(CaptureErrorHandling onError) {
			this.onError = onError;
		}

	}

	/**
	 * Creation of the event tables.
	 */
	public static class Jdbc extends DatabaseInitializationProperties {

		static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/eventstarter/store/schema-@@platform@@.sql";

		@Override
		public String getDefaultSchemaLocation() {
			return DEFAULT_SCHEMA_LOCATION;
		}

	}

	/**
	 * The dispatcher of durable deliveries.
	 */
	public static class Dispatch {

		/**
		 * Whether this instance dispatches in the background. Off, events are still
		 * recorded (and dispatched by other instances), and EventBus.drain() still works.
		 */
		private boolean enabled = true;

		/**
		 * How long the dispatcher waits for a commit in this instance before looking for
		 * due work again; bounds the delay for events committed by other instances,
		 * delayed events and retries.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * Maximum number of events, or of retries, claimed at once.
		 */
		private int batchSize = 500;

		/**
		 * How long a claim lasts before another dispatcher may take the work over; it is
		 * renewed while handlers run, so it bounds the delay after a crash.
		 */
		private Duration lease = Duration.ofMinutes(1);

		/**
		 * Maximum number of durable handlers running at once in this instance.
		 */
		private int concurrency = 4;

		/**
		 * How long running handlers may finish at shutdown; deliveries not started are
		 * left to the next dispatcher.
		 */
		private Duration shutdownGracePeriod = Duration.ofSeconds(10);

		/**
		 * Whether commits NOTIFY other instances through PostgreSQL so that they dispatch
		 * at once instead of at their next poll. Each writing transaction then runs one
		 * more statement, and the notification takes a database-wide lock at commit that
		 * serializes concurrent writers: measure before turning it on. Each dispatching
		 * instance holds one extra connection to listen.
		 */
		private boolean notify;

		/**
		 * How long a transaction that took event ids may hold back ordered deliveries and
		 * the SSE stream before it is reported: a WARN line naming it, and the actuator's
		 * heldBackSince and heldBackBy.
		 */
		private Duration heldBackWarning = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			Assert.isTrue(pollInterval.toMillis() >= 10, () -> "must be at least 10ms, but was " + pollInterval);
			this.pollInterval = pollInterval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			Assert.isTrue(batchSize >= 1 && batchSize <= 10_000,
					() -> "must be between 1 and 10000, but was " + batchSize);
			this.batchSize = batchSize;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			Assert.isTrue(lease.toSeconds() >= 1, () -> "must be at least 1s, but was " + lease);
			this.lease = lease;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			Assert.isTrue(concurrency >= 1 && concurrency <= 1000,
					() -> "must be between 1 and 1000, but was " + concurrency);
			this.concurrency = concurrency;
		}

		public boolean isNotify() {
			return this.notify;
		}

		public void setNotify(boolean notify) {
			this.notify = notify;
		}

		public Duration getShutdownGracePeriod() {
			return this.shutdownGracePeriod;
		}

		public Duration getHeldBackWarning() {
			return this.heldBackWarning;
		}

		public void setHeldBackWarning(Duration heldBackWarning) {
			Assert.isTrue(heldBackWarning.toMillis() >= 100,
					() -> "events.dispatch.held-back-warning must be at least 100ms, but was " + heldBackWarning);
			this.heldBackWarning = heldBackWarning;
		}

		public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
			Assert.isTrue(!shutdownGracePeriod.isNegative(),
					() -> "must not be negative, but was " + shutdownGracePeriod);
			this.shutdownGracePeriod = shutdownGracePeriod;
		}

	}

	/**
	 * Defaults of durable deliveries; @OnEvent and EmitOptions override them.
	 */
	public static class Delivery {

		/**
		 * Attempts before a delivery is dead.
		 */
		private int maxAttempts = 10;

		/**
		 * How the delay between attempts grows.
		 */
		private Backoff backoff = Backoff.EXPONENTIAL;

		/**
		 * Delay before the second attempt, and the step of linear and fixed backoff.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofHours(1);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1 && maxAttempts <= EmitOptions.MAX_ATTEMPTS,
					() -> "must be between 1 and " + EmitOptions.MAX_ATTEMPTS + ", but was " + maxAttempts);
			this.maxAttempts = maxAttempts;
		}

		public Backoff getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Backoff backoff) {
			this.backoff = backoff;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			Assert.isTrue(!initialDelay.isNegative(), () -> "must not be negative, but was " + initialDelay);
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			Assert.isTrue(!maxDelay.isNegative(), () -> "must not be negative, but was " + maxDelay);
			this.maxDelay = maxDelay;
		}

	}

	/**
	 * Deletion of old events.
	 */
	public static class Retention {

		/**
		 * How long dispatched events whose deliveries all succeeded are kept; 0 keeps
		 * them forever.
		 */
		private Duration dispatched = Duration.ofDays(30);

		public Duration getDispatched() {
			return this.dispatched;
		}

		public void setDispatched(Duration dispatched) {
			Assert.isTrue(!dispatched.isNegative(), () -> "must not be negative, but was " + dispatched);
			this.dispatched = dispatched;
		}

	}

	/**
	 * The audit-log subscriber.
	 */
	public static class Audit {

		/**
		 * Whether to record every event in the _audit_log table and on the
		 * dev.eventstarter.audit logger.
		 */
		private boolean enabled = true;

		/**
		 * Type patterns of the events to audit; '*' matches any run of characters.
		 */
		private List<String> events = new ArrayList<>(List.of("*"));

		/**
		 * How long audit-log rows are kept; 0 keeps them forever.
		 */
		private Duration retention = Duration.ZERO;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			Assert.isTrue(!events.isEmpty(),
					"events.audit.events must name at least one type pattern, such as '*' for every event");
			for (String pattern : events) {
				Assert.isTrue(EventTypes.isValidPattern(pattern), () -> "events.audit.events: '" + pattern
						+ "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
			}
			this.events = events;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			Assert.isTrue(!retention.isNegative(),
					() -> "events.audit.retention must not be negative, but was " + retention);
			this.retention = retention;
		}

	}

	/**
	 * An HTTP endpoint events are posted to. Checked at startup, where a wrong value
	 * fails naming its property.
	 */
	public static class Webhook {

		/**
		 * Name of the webhook, 1 to 64 letters, digits, '_', '.' or '-'; its deliveries
		 * are recorded for the subscriber 'webhook:<name>'.
		 */
		private @Nullable String name;

		/**
		 * Absolute http or https URL the events are posted to.
		 */
		private @Nullable String url;

		/**
		 * Type patterns of the events to post; '*' matches any run of characters.
		 */
		private List<String> events = new ArrayList<>();

		/**
		 * Signing secret, 'whsec_' followed by a base64 key, or plain text. Without one,
		 * requests are not signed.
		 */
		private @Nullable String secret;

		/**
		 * Further request headers, such as Authorization.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * How long a request may take, connecting included.
		 */
		private Duration timeout = Duration.ofSeconds(15);

		/**
		 * Attempts before a delivery is dead; events.delivery.max-attempts when not set.
		 */
		private @Nullable Integer maxAttempts;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		@Override
		public String toString() {
			return "Webhook[" + this.name + "]";
		}

	}

	/**
	 * The live Server-Sent Events stream.
	 */
	public static class Sse {

		/**
		 * Whether to serve the event stream (needs Spring MVC).
		 */
		private boolean enabled;

		/**
		 * Path of the event stream.
		 */
		private String path = "/events/stream";

		/**
		 * How often the event table is read for new events when no local commit wakes the
		 * stream.
		 */
		private Duration pollInterval = Duration.ofMillis(250);

		/**
		 * How often a comment is sent to keep idle streams open through proxies.
		 */
		private Duration heartbeat = Duration.ofSeconds(15);

		/**
		 * Most streams open at once on this instance; more are refused with 503.
		 */
		private int maxStreams = 100;

		/**
		 * Most events queued for one client; past it, the client's events wait in the
		 * table until it reads.
		 */
		private int bufferSize = 1000;

		/**
		 * How long one response lasts before the client reconnects.
		 */
		private Duration timeout = Duration.ofMinutes(30);

		/**
		 * How long a client whose buffer is full may read nothing before it is
		 * disconnected.
		 */
		private Duration stallTimeout = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			Assert.isTrue(path.startsWith("/"), () -> "events.sse.path must start with '/', but was '" + path + "'");
			this.path = path;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			Assert.isTrue(pollInterval.toMillis() >= 10,
					() -> "events.sse.poll-interval must be at least 10ms, but was " + pollInterval);
			this.pollInterval = pollInterval;
		}

		public Duration getHeartbeat() {
			return this.heartbeat;
		}

		public void setHeartbeat(Duration heartbeat) {
			Assert.isTrue(heartbeat.toMillis() >= 10,
					() -> "events.sse.heartbeat must be at least 10ms, but was " + heartbeat);
			this.heartbeat = heartbeat;
		}

		public int getMaxStreams() {
			return this.maxStreams;
		}

		public void setMaxStreams(int maxStreams) {
			Assert.isTrue(maxStreams >= 1 && maxStreams <= 10_000,
					() -> "events.sse.max-streams must be from 1 to 10000, but was " + maxStreams);
			this.maxStreams = maxStreams;
		}

		public int getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(int bufferSize) {
			Assert.isTrue(bufferSize >= 1 && bufferSize <= 100_000,
					() -> "events.sse.buffer-size must be from 1 to 100000, but was " + bufferSize);
			this.bufferSize = bufferSize;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public Duration getStallTimeout() {
			return this.stallTimeout;
		}

		public void setStallTimeout(Duration stallTimeout) {
			Assert.isTrue(stallTimeout.toMillis() >= 100,
					() -> "events.sse.stall-timeout must be at least 100ms, but was " + stallTimeout);
			this.stallTimeout = stallTimeout;
		}

		public void setTimeout(Duration timeout) {
			Assert.isTrue(timeout.toMillis() >= 1000,
					() -> "events.sse.timeout must be at least 1s, but was " + timeout);
			this.timeout = timeout;
		}

	}

}
