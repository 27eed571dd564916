package dev.eventstarter.context.originapp;

import dev.eventstarter.SessionVariablesContributor;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A web application with Spring Security's basic authentication, OpenTelemetry tracing
 * and two session variable contributors, one of them broken.
 */
@SpringBootApplication
public class OriginApplication {

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
				User.withUsername("alice").password("{noop}secret").roles("EDITOR", "WRITER").build());
	}

	@Bean
	SessionVariablesContributor planContributor() {
		return (variables) -> variables.put("plan", "gold");
	}

	@Bean
	SessionVariablesContributor brokenContributor() {
		return (variables) -> {
			variables.put("half", "written");
			throw new IllegalStateException("broken on purpose");
		};
	}

	@Bean
	InMemorySpanExporter spanExporter() {
		return InMemorySpanExporter.create();
	}

	@Bean
	SpanProcessor exportingSpanProcessor(InMemorySpanExporter spanExporter) {
		return SimpleSpanProcessor.create(spanExporter);
	}

}
