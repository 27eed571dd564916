package dev.eventstarter.kafka.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the Kafka route tests start: one entity on embedded H2, the routes from
 * each test's properties.
 */
@SpringBootApplication
public class KafkaTestApplication {

}
