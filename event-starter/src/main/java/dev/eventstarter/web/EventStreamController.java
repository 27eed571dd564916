package dev.eventstarter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventstarter.context.OriginResolver;
import dev.eventstarter.store.EventTypes;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event stream at {@code events.sse.path}: {@code text/event-stream} with the
 * {@code _events.id} as each event's {@code id}, its type as {@code event} and its JSON
 * as {@code data}; {@code ?types=posts.*,comments.*} filters, {@code Last-Event-ID}
 * resumes. When a tenant is resolved for the request, only that tenant's events are
 * streamed.
 */
@RestController
public final class EventStreamController {

	private final EventStreamHub hub;

	private final OriginResolver originResolver;

	private final JsonMapper jsonMapper;

	EventStreamController(EventStreamHub hub, OriginResolver originResolver, JsonMapper jsonMapper) {
		this.hub = hub;
		this.originResolver = originResolver;
		this.jsonMapper = jsonMapper;
	}

	@GetMapping("${events.sse.path:/events/stream}")
	@Nullable SseEmitter stream(@RequestParam(required = false) @Nullable String types,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			HttpServletResponse response) throws IOException {
		List<String> patterns;
		Long after;
		try {
			patterns = patterns(types);
			after = lastEventId(lastEventId);
		}
		catch (IllegalArgumentException ex) {
			reject(response, HttpStatus.BAD_REQUEST, ex.getMessage());
			return null;
		}
		String tenant = this.originResolver.resolveTenant();
		SseEmitter emitter = this.hub.open(patterns, tenant, after);
		if (emitter == null) {
			response.setHeader("Retry-After", "5");
			reject(response, HttpStatus.SERVICE_UNAVAILABLE,
					"Too many event streams are open on this instance; retry later");
			return null;
		}
		return emitter;
	}

	/**
	 * Read a {@code types} parameter.
	 * @param types comma-separated type patterns, or {@code null} for all
	 * @return the patterns, or {@code null} for all
	 * @throws IllegalArgumentException naming the pattern that is not valid
	 */
	public static @Nullable List<String> patterns(@Nullable String types) {
		if (types == null) {
			return null;
		}
		List<String> patterns = new ArrayList<>();
		for (String pattern : types.split(",", -1)) {
			String trimmed = pattern.strip();
			if (!EventTypes.isValidPattern(trimmed)) {
				throw new IllegalArgumentException(
						"types: '" + trimmed + "' is not a valid type pattern: " + EventTypes.PATTERN_RULE);
			}
			patterns.add(trimmed);
		}
		return patterns;
	}

	/**
	 * Read a {@code Last-Event-ID} header.
	 * @param lastEventId the header, or {@code null}
	 * @return the id, or {@code null} to start with new events
	 * @throws IllegalArgumentException when it is not an event id
	 */
	public static @Nullable Long lastEventId(@Nullable String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return null;
		}
		try {
			long id = Long.parseLong(lastEventId.strip());
			if (id >= 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				"Last-Event-ID must be the id of an event received from this stream, but was '" + lastEventId + "'");
	}

	private static Map<String, Object> error(HttpStatus status, @Nullable String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", status.value());
		error.put("error", String.valueOf(message));
		return error;
	}

	private void reject(HttpServletResponse response, HttpStatus status, @Nullable String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(this.jsonMapper.writeValueAsString(error(status, message)));
	}

}
