package dev.eventstarter.console;

import java.net.URI;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console's routes under its path: the page's three files, named one by one so that
 * nothing else of the package's class path directory is served, and the JSON API.
 */
final class ConsoleRoutes {

	private static final String ASSETS = "dev/eventstarter/console/";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private ConsoleRoutes() {
	}

	static RouterFunction<ServerResponse> of(String path, ConsoleApi api) {
		String apiPath = path + "/api";
		return RouterFunctions.route()
			.GET(path,
					(request) -> ServerResponse.status(HttpStatus.FOUND)
						.location(URI.create(request.requestPath().contextPath().value() + path + "/"))
						.build())
			.GET(path + "/", asset("index.html", MediaType.TEXT_HTML))
			.GET(path + "/console.js", asset("console.js", MediaType.parseMediaType("text/javascript")))
			.GET(path + "/console.css", asset("console.css", MediaType.parseMediaType("text/css")))
			.GET(apiPath + "/settings", api::settings)
			.GET(apiPath + "/csrf", api::csrf)
			.GET(apiPath + "/overview", api::overview)
			.GET(apiPath + "/deliveries", api::deliveries)
			.POST(apiPath + "/deliveries/retry", write(api, api::retryDeliveries))
			.GET(apiPath + "/events", api::search)
			.GET(apiPath + "/events/{eventId}", api::event)
			.POST(apiPath + "/events/{eventId}/retry", write(api, api::retryEvent))
			.GET(apiPath + "/state", api::state)
			.onError(IllegalArgumentException.class,
					(ex, request) -> api.error(HttpStatus.BAD_REQUEST, String.valueOf(ex.getMessage())))
			.build();
	}

	private static HandlerFunction<ServerResponse> asset(String name, MediaType type) {
		ClassPathResource resource = new ClassPathResource(ASSETS + name);
		return (request) -> ServerResponse.ok()
			.contentType(type)
			.header("Cache-Control", "no-cache")
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.body(resource);
	}

	/**
	 * Refuse a write without the console's header: a cross-site form cannot send one, so
	 * even without a CSRF token no other site can make a browser retry deliveries.
	 */
	private static HandlerFunction<ServerResponse> write(ConsoleApi api, HandlerFunction<ServerResponse> handler) {
		return (request) -> {
			if (!"1".equals(request.headers().firstHeader(ConsoleApi.WRITE_HEADER))) {
				return api.error(HttpStatus.FORBIDDEN,
						"Console writes must carry the header " + ConsoleApi.WRITE_HEADER + ": 1");
			}
			return handler.handle(request);
		};
	}

}
