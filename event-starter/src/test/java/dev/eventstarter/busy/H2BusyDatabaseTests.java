package dev.eventstarter.busy;

import org.springframework.test.context.TestPropertySource;

/**
 * On H2, where this JVM is the only writer, the stall is a transaction of the application
 * held after its events were written and before it commits.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:busy;DB_CLOSE_DELAY=-1")
class H2BusyDatabaseTests extends BusyDatabaseContractTests {

	@Override
	Stall stall(Runnable write) {
		return stallInTheApplication(write);
	}

	@Override
	String expectedBlocker() {
		return "thread '";
	}

	@Override
	String expectedApplicationName() {
		return "this application";
	}

}
