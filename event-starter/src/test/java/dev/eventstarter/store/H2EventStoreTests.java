package dev.eventstarter.store;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:capture;DB_CLOSE_DELAY=-1")
class H2EventStoreTests extends EventStoreContractTests {

}
