package dev.eventstarter.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.eventstarter.console.ConsoleQueries.DeliveryFilter;
import dev.eventstarter.console.ConsoleQueries.EventSearch;
import dev.eventstarter.store.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.ServerRequest;

/**
 * Reads the console API's query parameters. A blank parameter is an absent one; a bad one
 * throws {@link IllegalArgumentException} saying what to fix, which the routes answer
 * with a 400.
 */
final class ConsoleParameters {

	private static final int DEFAULT_LIMIT = 50;

	private static final int MAX_LIMIT = 500;

	private static final List<String> STATUSES = List.of("PENDING", "FAILED", "DEAD");

	private static final List<String> PROBLEM_STATUSES = List.of("DEAD", "FAILED");

	private ConsoleParameters() {
	}

	/**
	 * The search screen's filters: {@code type, resourceName, resourceId, user, tenant,
	 * transactionId, since, until, undispatched, order (newest|oldest), cursor, limit}.
	 */
	static EventSearch search(ServerRequest request) {
		String order = param(request, "order");
		if (order != null && !order.equals("newest") && !order.equals("oldest")) {
			throw new IllegalArgumentException("order must be 'newest' or 'oldest', but was '" + order + "'");
		}
		String transactionId = param(request, "transactionId");
		return new EventSearch(typePattern(request), param(request, "resourceName"), param(request, "resourceId"),
				param(request, "user"), param(request, "tenant"),
				(transactionId != null) ? uuid("transactionId", transactionId) : null, instant(request, "since"),
				instant(request, "until"), "true".equals(param(request, "undispatched")), !"oldest".equals(order),
				longParam(request, "cursor"), limit(request));
	}

	/**
	 * Which deliveries: {@code status} (comma-separated, default {@code DEAD,FAILED}),
	 * {@code subscriber}, {@code type}.
	 */
	static DeliveryFilter deliveryFilter(ServerRequest request) {
		String status = param(request, "status");
		List<String> statuses = (status != null) ? Arrays.stream(status.split(",")).map(String::strip).toList()
				: PROBLEM_STATUSES;
		if (!STATUSES.containsAll(statuses)) {
			throw new IllegalArgumentException(
					"status must be PENDING, FAILED or DEAD, or several separated by commas, but was '" + status + "'");
		}
		return new DeliveryFilter(statuses, param(request, "subscriber"), typePattern(request));
	}

	static int limit(ServerRequest request) {
		Long limit = longParam(request, "limit");
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", but was " + limit);
		}
		return limit.intValue();
	}

	static String required(ServerRequest request, String name) {
		String value = param(request, name);
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	static @Nullable Long longParam(ServerRequest request, String name) {
		String value = param(request, name);
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, but was '" + value + "'");
		}
	}

	static @Nullable Instant instant(ServerRequest request, String name) {
		String value = param(request, name);
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					name + " must be an ISO-8601 instant such as 2026-12-02T19:00:00Z, but was '" + value + "'");
		}
	}

	static UUID uuid(String name, String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + " must be a UUID, such as 0193a8e2-5c1f-7d3a-9b2e-4f6a1c2d3e4f, "
					+ "but was '" + value + "'");
		}
	}

	private static @Nullable String typePattern(ServerRequest request) {
		String type = param(request, "type");
		if (type != null && !EventTypes.isValidPattern(type)) {
			throw new IllegalArgumentException(
					"type must be an event type or pattern of " + EventTypes.PATTERN_RULE + ", but was '" + type + "'");
		}
		return type;
	}

	private static @Nullable String param(ServerRequest request, String name) {
		return request.param(name).map(String::strip).filter((value) -> !value.isEmpty()).orElse(null);
	}

}
