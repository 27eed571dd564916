package dev.eventstarter;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who caused an event and from where, taken from the HTTP request, Spring Security and
 * the {@link EventContext} when the event was emitted.
 *
 * @param userId the authenticated principal's name
 * @param role the principal's first role, without the {@code ROLE_} prefix
 * @param ip the client address as the web server saw it
 * @param userAgent the client's {@code User-Agent} header
 * @param custom further variables: {@code roles} (every role of the principal), those of
 * the {@link EventContext} and those added by {@link SessionVariablesContributor} beans
 */
public record SessionVariables(@Nullable String userId, @Nullable String role, @Nullable String ip,
		@Nullable String userAgent, Map<String, Object> custom) {

	/**
	 * The names of the standard variables, which custom ones cannot take.
	 */
	public static final Set<String> STANDARD_NAMES = Set.of("userId", "role", "ip", "userAgent");

	public SessionVariables {
		custom = Map.copyOf(custom);
	}

}
