package dev.eventstarter.console;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the operator console.
 */
@ConfigurationProperties("events.console")
public class ConsoleProperties {

	/**
	 * Whether to serve the operator console (needs Spring MVC, and Spring Security unless
	 * allow-unsecured is set).
	 */
	private boolean enabled;

	/**
	 * Path of the console; its JSON API is under {path}/api.
	 */
	private String path = "/events/console";

	/**
	 * Link to the tracing UI for a trace id, a template containing {traceId}, such as
	 * https://grafana.example.com/explore?traceId={traceId}.
	 */
	private @Nullable String traceUrl;

	/**
	 * Whether to serve the console without Spring Security on the classpath, to anyone
	 * who can reach the application.
	 */
	private boolean allowUnsecured;

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
		Assert.isTrue(path.startsWith("/") && !path.endsWith("/") && !path.contains("*") && !path.contains("{"),
				() -> "events.console.path must start with '/', not end with '/' and hold no '*' or '{', but was '"
						+ path + "'");
		this.path = path;
	}

	public @Nullable String getTraceUrl() {
		return this.traceUrl;
	}

	public void setTraceUrl(@Nullable String traceUrl) {
		Assert.isTrue(traceUrl == null || traceUrl.isEmpty() || traceUrl.contains("{traceId}"),
				() -> "events.console.trace-url must contain {traceId}, where the trace id goes, but was '" + traceUrl
						+ "'");
		this.traceUrl = (traceUrl == null || traceUrl.isEmpty()) ? null : traceUrl;
	}

	public boolean isAllowUnsecured() {
		return this.allowUnsecured;
	}

	public void setAllowUnsecured(boolean allowUnsecured) {
		this.allowUnsecured = allowUnsecured;
	}

}
