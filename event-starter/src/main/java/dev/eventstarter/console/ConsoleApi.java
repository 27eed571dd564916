package dev.eventstarter.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.actuate.EventBacklog;
import dev.eventstarter.actuate.EventBacklog.Retryable;
import dev.eventstarter.actuate.EventBacklog.Summary;
import dev.eventstarter.console.ConsoleQueries.DeliveryFilter;
import dev.eventstarter.console.ConsoleQueries.EventSearch;
import dev.eventstarter.console.ConsoleQueries.MinuteCount;
import dev.eventstarter.store.EventJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console's JSON API, under {@code {path}/api}. Reads answer 200 with JSON, bad
 * parameters 400 saying what to fix, unknown events 404. Writes are {@code POST}s that
 * must carry the {@value #WRITE_HEADER} header, which a cross-site form cannot send; with
 * Spring Security they also pass its CSRF check, like any other request.
 */
final class ConsoleApi {

	/**
	 * The header every write must carry.
	 */
	static final String WRITE_HEADER = "X-Events-Console";

	/**
	 * Most events one "retry all matching" retries.
	 */
	static final int MAX_BULK_RETRY = 1000;

	private final ConsoleQueries queries;

	private final EventBacklog backlog;

	private final EventBus eventBus;

	private final EventStore eventStore;

	private final JsonMapper mapper;

	private final EventJson eventJson;

	private final ConsoleSettings settings;

	private final Clock clock;

	ConsoleApi(ConsoleQueries queries, EventBacklog backlog, EventBus eventBus, EventStore eventStore,
			EventJson eventJson, ConsoleSettings settings, Clock clock) {
		this.queries = queries;
		this.backlog = backlog;
		this.eventBus = eventBus;
		this.eventStore = eventStore;
		this.eventJson = eventJson;
		this.mapper = eventJson.mapper();
		this.settings = settings;
		this.clock = clock;
	}

	ServerResponse settings(ServerRequest request) {
		Map<String, @Nullable Object> settings = new LinkedHashMap<>();
		settings.put("traceUrl", this.settings.traceUrl());
		settings.put("stream", (this.settings.streamPath() != null)
				? request.requestPath().contextPath().value() + this.settings.streamPath() : null);
		settings.put("writeHeader", WRITE_HEADER);
		return json(settings);
	}

	/**
	 * The CSRF token Spring Security put on the request, when it did.
	 */
	ServerResponse csrf(ServerRequest request) {
		Object token = request.servletRequest().getAttribute("org.springframework.security.web.csrf.CsrfToken");
		if (token == null) {
			return json(Map.of());
		}
		BeanWrapperImpl csrf = new BeanWrapperImpl(token);
		return json(Map.of("headerName", String.valueOf(csrf.getPropertyValue("headerName")), "token",
				String.valueOf(csrf.getPropertyValue("token"))));
	}

	ServerResponse overview(ServerRequest request) {
		Summary summary = this.backlog.summary();
		Instant now = summary.at();
		Instant from = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(59));
		long[] perMinute = new long[60];
		for (MinuteCount count : this.queries.eventsPerMinute(from)) {
			int index = (int) Duration.between(from, count.minute()).toMinutes();
			if (index >= 0 && index < perMinute.length) {
				perMinute[index] += count.events();
			}
		}
		Map<String, @Nullable Object> overview = new LinkedHashMap<>();
		overview.put("at", now);
		overview.put("undispatched", summary.undispatched());
		overview.put("oldestUndispatchedAt", summary.oldestUndispatchedAt());
		overview.put("deliveries",
				Map.of("pending", summary.pending(), "failed", summary.failed(), "dead", summary.dead()));
		overview.put("eventsPerMinute", Map.of("from", from, "counts", perMinute));
		overview.put("subscribers", this.queries.subscribers(now));
		return json(overview);
	}

	ServerResponse deliveries(ServerRequest request) {
		DeliveryFilter filter = ConsoleParameters.deliveryFilter(request);
		int limit = ConsoleParameters.limit(request);
		List<ConsoleQueries.DeliveryState> page = this.queries.deliveries(filter,
				ConsoleParameters.longParam(request, "before"), limit);
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("total", this.queries.countDeliveries(filter));
		answer.put("deliveries", page);
		answer.put("next", (page.size() == limit) ? page.get(page.size() - 1).id() : null);
		return json(answer);
	}

	/**
	 * Retry every event with a delivery matching the filter, as the actuator's retry does
	 * for one: each event's dead and failed deliveries are scheduled now.
	 */
	ServerResponse retryDeliveries(ServerRequest request) {
		DeliveryFilter filter = ConsoleParameters.deliveryFilter(request);
		List<UUID> events = this.queries.eventsOfDeliveries(filter, MAX_BULK_RETRY);
		long deliveries = 0;
		for (UUID eventId : events) {
			Optional<Retryable> retried = retry(eventId);
			deliveries += retried.map(Retryable::deliveries).orElse(0L);
		}
		return json(Map.of("events", events.size(), "deliveries", deliveries, "more", events.size() == MAX_BULK_RETRY));
	}

	ServerResponse search(ServerRequest request) {
		EventSearch search = ConsoleParameters.search(request);
		List<Event> events = this.queries.search(search);
		ObjectNode answer = this.mapper.createObjectNode();
		ArrayNode documents = answer.putArray("events");
		events.forEach((event) -> documents.add(this.mapper.readTree(this.eventJson.document(event))));
		if (events.size() == search.limit()) {
			answer.put("next", events.get(events.size() - 1).id());
		}
		else {
			answer.putNull("next");
		}
		return json(answer);
	}

	ServerResponse event(ServerRequest request) {
		UUID eventId = ConsoleParameters.uuid("eventId", request.pathVariable("eventId"));
		Optional<Event> event = this.eventStore.findByEventId(eventId);
		if (event.isEmpty()) {
			return error(HttpStatus.NOT_FOUND, "No event with id " + eventId);
		}
		ObjectNode answer = this.mapper.createObjectNode();
		answer.set("event", this.mapper.readTree(this.eventJson.document(event.get())));
		answer.set("deliveries", this.mapper.valueToTree(this.queries.deliveriesOf(eventId)));
		return json(answer);
	}

	ServerResponse retryEvent(ServerRequest request) {
		UUID eventId = ConsoleParameters.uuid("eventId", request.pathVariable("eventId"));
		return retry(eventId).map(this::json)
			.orElseGet(() -> error(HttpStatus.NOT_FOUND, "No event with id " + eventId));
	}

	ServerResponse state(ServerRequest request) {
		String resourceName = ConsoleParameters.required(request, "resourceName");
		String resourceId = ConsoleParameters.required(request, "resourceId");
		Instant at = ConsoleParameters.instant(request, "at");
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("at", (at != null) ? at : this.clock.instant());
		answer.put("state", this.eventStore.stateAt(resourceName, resourceId, (at != null) ? at : this.clock.instant())
			.orElse(null));
		return json(answer);
	}

	private Optional<Retryable> retry(UUID eventId) {
		Optional<Retryable> retryable = this.backlog.retryable(eventId);
		if (retryable.isPresent()) {
			this.eventBus.retry(eventId);
		}
		return retryable;
	}

	ServerResponse json(Object body) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header("Cache-Control", "no-store")
			.body(this.mapper.writeValueAsString(body));
	}

	ServerResponse error(HttpStatus status, String message) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.mapper.writeValueAsString(Map.of("status", status.value(), "error", message)));
	}

	/**
	 * What the page needs to know about the application.
	 *
	 * @param traceUrl the tracing UI's link template, or {@code null}
	 * @param streamPath the SSE stream's path when it is enabled, else {@code null}
	 */
	record ConsoleSettings(@Nullable String traceUrl, @Nullable String streamPath) {

	}

}
