package dev.eventstarter.actuate;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code eventerasure} endpoint over HTTP: parameters that name neither or both kinds
 * of subject, or a blank one, are a 400 saying what to send.
 */
@EndpointWebExtension(endpoint = EventErasureEndpoint.class)
public class EventErasureEndpointWebExtension {

	private final EventErasureEndpoint endpoint;

	EventErasureEndpointWebExtension(EventErasureEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	@DeleteOperation
	public WebEndpointResponse<Object> erase(@Nullable String resourceName, @Nullable String resourceId,
			@Nullable String userId) {
		try {
			return new WebEndpointResponse<>(this.endpoint.erase(resourceName, resourceId, userId));
		}
		catch (IllegalArgumentException ex) {
			int status = WebEndpointResponse.STATUS_BAD_REQUEST;
			return new WebEndpointResponse<>(Map.of("status", status, "error", String.valueOf(ex.getMessage())),
					status);
		}
	}

}
