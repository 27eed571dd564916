package dev.eventstarter.context.originapp;

import java.util.List;
import java.util.Map;

import dev.eventstarter.SessionVariablesContributor;
import dev.eventstarter.dispatch.Subscriber;
import dev.eventstarter.dispatch.SubscriberSource;
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

	/**
	 * A broker route's kind of subscriber, taking whole rounds: its deliveries are
	 * observed one by one all the same.
	 */
	@Bean(autowireCandidate = false)
	SubscriberSource sendingSubscribers() {
		Subscriber sender = Subscriber.durableSender("sender", List.of("notes.*"), null, null, true,
				(events) -> Map.of());
		return () -> List.of(sender);
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
