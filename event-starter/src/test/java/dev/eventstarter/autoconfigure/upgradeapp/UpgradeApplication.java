package dev.eventstarter.autoconfigure.upgradeapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application whose tables are migrated by Flyway or Liquibase, its own and the
 * starter's side by side, with a durable subscriber, the actuator and the SSE stream.
 */
@SpringBootApplication
public class UpgradeApplication {

	private final List<Event> received = new CopyOnWriteArrayList<>();

	@Bean
	SecurityFilterChain openToTheTests(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

	@OnEvent(value = { "posts.*", "invoices.*", "orders.*" }, id = "upgrade-subscriber")
	void on(Event event) {
		this.received.add(event);
	}

	public List<Event> received() {
		return this.received;
	}

}
