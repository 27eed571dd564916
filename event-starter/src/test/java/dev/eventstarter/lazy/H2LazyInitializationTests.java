package dev.eventstarter.lazy;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:lazy;DB_CLOSE_DELAY=-1")
class H2LazyInitializationTests extends LazyInitializationContractTests {

}
