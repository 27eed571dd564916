package dev.eventstarter.autoconfigure;

import dev.eventstarter.test.TestDatabase;

class MariaDbMigrationTests extends MigrationContractTests {

	@Override
	String url(String name) {
		return TestDatabase.MARIADB.url(name);
	}

	@Override
	String username() {
		return TestDatabase.MARIADB.username();
	}

	@Override
	String password() {
		return TestDatabase.MARIADB.password();
	}

	@Override
	String vendor() {
		return TestDatabase.MARIADB.vendor();
	}

}
