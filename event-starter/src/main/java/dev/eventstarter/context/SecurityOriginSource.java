package dev.eventstarter.context;

import java.util.ArrayList;
import java.util.List;

import dev.eventstarter.OriginCollector;
import dev.eventstarter.OriginSource;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Reads the authenticated user from Spring Security's context: the principal's name and
 * its roles, the authorities with the {@code ROLE_} prefix, without it. Anonymous users
 * are nobody.
 */
final class SecurityOriginSource implements OriginSource {

	private static final String ROLE_PREFIX = "ROLE_";

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	@Override
	public void collect(OriginCollector origin) {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (!this.trustResolver.isAuthenticated(authentication)) {
			return;
		}
		List<String> roles = new ArrayList<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(ROLE_PREFIX)) {
				roles.add(name.substring(ROLE_PREFIX.length()));
			}
		}
		origin.user(authentication.getName(), roles);
	}

}
