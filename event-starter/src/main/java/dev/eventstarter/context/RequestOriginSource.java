package dev.eventstarter.context;

import java.util.UUID;

import dev.eventstarter.OriginCollector;
import dev.eventstarter.OriginSource;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Reads the current servlet request: the client address as the server saw it (so
 * {@code server.forward-headers-strategy} decides whether {@code X-Forwarded-For} is
 * trusted), the {@code User-Agent}, {@code X-Request-Id} and {@code X-Correlation-Id}. A
 * request without an {@code X-Request-Id} gets one generated id, shared by all its
 * events.
 */
final class RequestOriginSource implements OriginSource {

	/**
	 * The header a client passes its request id in.
	 */
	public static final String REQUEST_ID_HEADER = "X-Request-Id";

	/**
	 * The header a client passes its correlation id in.
	 */
	public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

	private static final String REQUEST_ID_ATTRIBUTE = RequestOriginSource.class.getName() + ".requestId";

	private static final int MAX_ID_LENGTH = 255;

	@Override
	public void collect(OriginCollector origin) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servletAttributes)) {
			return;
		}
		HttpServletRequest request = servletAttributes.getRequest();
		origin.request(request.getRemoteAddr(), request.getHeader("User-Agent"));
		origin.requestIds(requestId(request), id(request.getHeader(CORRELATION_ID_HEADER)));
	}

	private static String requestId(HttpServletRequest request) {
		String requestId = id(request.getHeader(REQUEST_ID_HEADER));
		if (requestId != null) {
			return requestId;
		}
		Object generated = request.getAttribute(REQUEST_ID_ATTRIBUTE);
		if (generated == null) {
			generated = UUID.randomUUID().toString();
			request.setAttribute(REQUEST_ID_ATTRIBUTE, generated);
		}
		return generated.toString();
	}

	private static @Nullable String id(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String id = header.strip();
		return (id.length() <= MAX_ID_LENGTH) ? id : id.substring(0, MAX_ID_LENGTH);
	}

}
