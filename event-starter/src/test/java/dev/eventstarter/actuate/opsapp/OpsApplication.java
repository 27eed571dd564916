package dev.eventstarter.actuate.opsapp;

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
 * An application to operate: basic authentication, tickets to audit, and subscribers that
 * fail on demand.
 */
@SpringBootApplication
public class OpsApplication {

	/**
	 * Whether the breakable subscribers work.
	 */
	public static final AtomicBoolean healthy = new AtomicBoolean();

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}secret").roles("OPERATOR").build());
	}

	@Bean
	Breakable breakable() {
		return new Breakable();
	}

	static class Breakable {

		@OnEvent(value = "work.fragile", id = "fragile", maxAttempts = 1)
		void fragile(String payload) {
			if (!healthy.get()) {
				throw new IllegalStateException("fragile subscriber is down");
			}
		}

		@OnEvent(value = "work.flaky", id = "flaky", maxAttempts = 3)
		void flaky(String payload) {
			if (!healthy.get()) {
				throw new IllegalStateException("flaky subscriber is down");
			}
		}

	}

}
