package dev.eventstarter.sample.live;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in, for the live page: it shows the user and offers the retry button to
 * admins only. Reading the CSRF token here also sets the {@code XSRF-TOKEN} cookie the
 * page sends back in an {@code X-XSRF-TOKEN} header.
 */
@RestController
class MeController {

	@GetMapping("/api/me")
	Me me(Authentication authentication, CsrfToken csrf) {
		csrf.getToken();
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.toList();
		return new Me(authentication.getName(), roles);
	}

	/**
	 * The signed-in user.
	 *
	 * @param username the user name
	 * @param roles the roles, without the {@code ROLE_} prefix
	 */
	record Me(String username, List<String> roles) {

	}

}
