package dev.eventstarter.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A small blog: every change to an author, post or comment becomes an event in
 * {@code _events}, delivered to the subscribers in {@code subscribers}, the audit log, a
 * webhook and the live page.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableCaching
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
