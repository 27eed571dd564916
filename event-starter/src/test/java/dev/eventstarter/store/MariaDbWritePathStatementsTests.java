package dev.eventstarter.store;

import dev.eventstarter.test.MariaDbTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = MariaDbTestConfiguration.DATABASE_PROPERTY + "=events_write_path")
class MariaDbWritePathStatementsTests extends WritePathStatementsContractTests {

}
