package dev.eventstarter.actuate;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code events} endpoint over HTTP: a bad {@code limit} or event id is a 400 saying
 * what to fix, an unknown list or event a 404.
 */
@EndpointWebExtension(endpoint = EventsEndpoint.class)
public class EventsEndpointWebExtension {

	private final EventsEndpoint endpoint;

	EventsEndpointWebExtension(EventsEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	@ReadOperation
	public WebEndpointResponse<Object> list(@Selector String list, @Nullable String limit) {
		try {
			Map<String, Object> page = this.endpoint.list(list, limit);
			return (page != null) ? new WebEndpointResponse<>(page) : error(WebEndpointResponse.STATUS_NOT_FOUND,
					"No list '" + list + "': use /actuator/events/undispatched or /actuator/events/dead");
		}
		catch (IllegalArgumentException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
	}

	@WriteOperation
	public WebEndpointResponse<Object> retry(@Selector String eventId) {
		try {
			return this.endpoint.retry(eventId)
				.<WebEndpointResponse<Object>>map(WebEndpointResponse::new)
				.orElseGet(() -> error(WebEndpointResponse.STATUS_NOT_FOUND, "No event with id " + eventId));
		}
		catch (IllegalArgumentException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
	}

	private static WebEndpointResponse<Object> error(int status, @Nullable String message) {
		return new WebEndpointResponse<>(Map.of("status", status, "error", String.valueOf(message)), status);
	}

}
