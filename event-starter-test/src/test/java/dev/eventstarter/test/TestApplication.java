package dev.eventstarter.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application to test the test support with: articles, captured as they change,
 * and subscribers.
 */
@SpringBootApplication
public class TestApplication {

}
