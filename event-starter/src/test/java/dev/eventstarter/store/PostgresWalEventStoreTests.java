package dev.eventstarter.store;

import dev.eventstarter.test.PostgresTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(PostgresTestConfiguration.class)
@TestPropertySource(properties = { "events.jdbc.initialize-schema=always", "events.store.mode=wal" })
class PostgresWalEventStoreTests extends EventStoreContractTests {

}
