package dev.eventstarter.console.consoleapp;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventstarter.OnEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application with the console: basic authentication, CSRF protection as Spring
 * Security sets it by default, the console for admins only, and a subscriber that fails
 * on demand.
 */
@SpringBootApplication
public class ConsoleApplication {

	/**
	 * Whether the fragile subscriber works.
	 */
	public static final AtomicBoolean healthy = new AtomicBoolean();

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/events/console/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername("admin").password("{noop}admin").roles("ADMIN").build(),
				User.withUsername("editor").password("{noop}editor").roles("EDITOR").build());
	}

	@Bean
	Fragile fragile() {
		return new Fragile();
	}

	static class Fragile {

		@OnEvent(value = "work.fragile", id = "fragile", maxAttempts = 1)
		void fragile(String payload) {
			if (!healthy.get()) {
				throw new IllegalStateException("fragile subscriber is down");
			}
		}

	}

}
