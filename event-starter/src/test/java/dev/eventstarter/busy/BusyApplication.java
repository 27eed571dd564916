package dev.eventstarter.busy;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A web application with an ordered and an unordered durable subscriber, streaming its
 * events, in a database that other work keeps busy.
 */
@SpringBootApplication
public class BusyApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	Arrivals arrivals() {
		return new Arrivals();
	}

}
