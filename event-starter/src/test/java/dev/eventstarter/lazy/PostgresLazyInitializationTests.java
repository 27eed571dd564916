package dev.eventstarter.lazy;

import dev.eventstarter.test.PostgresTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(PostgresTestConfiguration.class)
@TestPropertySource(properties = "events.jdbc.initialize-schema=always")
class PostgresLazyInitializationTests extends LazyInitializationContractTests {

}
