package dev.eventstarter.sample;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may do what. The users come from {@code sample.users}; editors read and write the
 * blog, admins also reach the actuator's {@code events} endpoint, the events console and
 * the H2 console.
 *
 * <p>
 * Two ways to sign in: HTTP basic for API clients such as curl (stateless, no session),
 * and a login form for the live page, whose session cookie also carries the SSE stream
 * (an {@code EventSource} cannot send an {@code Authorization} header). Requests that
 * rely on the session cookie must send the {@code XSRF-TOKEN} cookie back as an
 * {@code X-XSRF-TOKEN} header; requests that carry their own basic credentials need no
 * CSRF token. The webhook receiver checks signatures instead of users.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String EDITOR = "EDITOR";

	static final String ADMIN = "ADMIN";

	private static final String WEBHOOK_RECEIVER = "/demo/webhook-receiver";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
					.permitAll()
					.requestMatchers("/error", "/favicon.ico")
					.permitAll()
					.requestMatchers(EndpointRequest.to("health"))
					.permitAll()
					.requestMatchers(EndpointRequest.toAnyEndpoint(), PathRequest.toH2Console())
					.hasRole(ADMIN)
					.requestMatchers("/events/console/**")
					.hasRole(ADMIN)
					.requestMatchers(HttpMethod.POST, WEBHOOK_RECEIVER)
					.permitAll()
					.requestMatchers("/api/**", WEBHOOK_RECEIVER)
					.hasRole(EDITOR)
					.anyRequest()
					.authenticated());
		http.httpBasic(Customizer.withDefaults());
		http.formLogin(Customizer.withDefaults());
		http.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		http.csrf((csrf) -> csrf.spa()
			.ignoringRequestMatchers(SecurityConfiguration::hasBasicCredentials)
			.ignoringRequestMatchers(PathRequest.toH2Console())
			.ignoringRequestMatchers(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, WEBHOOK_RECEIVER)));
		http.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.sameOrigin()));
		return http.build();
	}

	@Bean
	UserDetailsService userDetailsService(SampleProperties properties) {
		return new InMemoryUserDetailsManager(properties.users()
			.stream()
			.map((user) -> User.withUsername(user.username())
				.password(user.password())
				.roles(user.roles().toArray(String[]::new))
				.build())
			.toList());
	}

	private static boolean hasBasicCredentials(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
	}

}
