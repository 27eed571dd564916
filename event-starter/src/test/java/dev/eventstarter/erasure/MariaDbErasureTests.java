package dev.eventstarter.erasure;

import dev.eventstarter.test.MariaDbTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = MariaDbTestConfiguration.DATABASE_PROPERTY + "=erasure_test")
class MariaDbErasureTests extends ErasureContractTests {

}
