package dev.eventstarter.store;

import dev.eventstarter.test.PostgresTestConfiguration;

import org.springframework.context.annotation.Import;

@Import(PostgresTestConfiguration.class)
class PostgresWritePathStatementsTests extends WritePathStatementsContractTests {

}
