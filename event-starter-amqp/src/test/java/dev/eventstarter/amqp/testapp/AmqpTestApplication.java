package dev.eventstarter.amqp.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the route tests start: one entity whose changes become events.
 */
@SpringBootApplication
public class AmqpTestApplication {

}
