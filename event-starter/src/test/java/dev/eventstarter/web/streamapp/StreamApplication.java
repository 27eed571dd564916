package dev.eventstarter.web.streamapp;

import dev.eventstarter.TenantResolver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A web application streaming its events, with the tenant of a request in its
 * {@code X-Tenant} header.
 */
@SpringBootApplication
public class StreamApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

	@Bean
	TenantResolver requestTenant() {
		return () -> (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest().getHeader("X-Tenant") : null;
	}

}
