package dev.eventstarter.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the integration tests start: a few entities covering every capture
 * rule.
 */
@SpringBootApplication
public class TestApplication {

}
