package dev.eventstarter;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who caused an event and from where, captured from the request when it was emitted.
 *
 * @param userId the authenticated principal's name
 * @param role the principal's first role, without the {@code ROLE_} prefix
 * @param ip the client address as the web server saw it
 * @param userAgent the client's {@code User-Agent} header
 * @param custom further variables added by {@code SessionVariablesContributor} beans
 */
public record SessionVariables(@Nullable String userId, @Nullable String role, @Nullable String ip,
		@Nullable String userAgent, Map<String, Object> custom) {

	public SessionVariables {
		custom = Map.copyOf(custom);
	}

}
