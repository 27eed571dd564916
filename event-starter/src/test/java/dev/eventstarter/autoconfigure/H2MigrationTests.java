package dev.eventstarter.autoconfigure;

import java.util.UUID;

class H2MigrationTests extends MigrationContractTests {

	@Override
	String url(String name) {
		// kept open between the fixture's connection and the application's
		return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	@Override
	String username() {
		return "sa";
	}

	@Override
	String password() {
		return "";
	}

	@Override
	String vendor() {
		return "h2";
	}

}
