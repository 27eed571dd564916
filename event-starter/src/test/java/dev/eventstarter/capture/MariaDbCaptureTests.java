package dev.eventstarter.capture;

import dev.eventstarter.test.MariaDbTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = "events.jdbc.initialize-schema=always")
class MariaDbCaptureTests extends CaptureContractTests {

}
