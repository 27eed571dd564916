package dev.eventstarter.dispatch;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:dispatch;DB_CLOSE_DELAY=-1")
class H2DispatchTests extends DispatchContractTests {

}
