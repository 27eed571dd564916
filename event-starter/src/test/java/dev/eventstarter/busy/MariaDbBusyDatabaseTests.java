package dev.eventstarter.busy;

import dev.eventstarter.test.MariaDbTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * On MariaDB the stall is a transaction of the application held after its events were
 * inserted and before it commits: InnoDB holds the uncommitted row, as it would for a
 * slow trigger or a stalled commit.
 */
@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = "events.jdbc.initialize-schema=always")
class MariaDbBusyDatabaseTests extends BusyDatabaseContractTests {

	@Override
	Stall stall(Runnable write) {
		return stallInTheApplication(write);
	}

	@Override
	String expectedBlocker() {
		return "backend pid ";
	}

	@Override
	String expectedApplicationName() {
		return "root@";
	}

}
