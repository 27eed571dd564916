package dev.eventstarter.autoconfigure;

import dev.eventstarter.test.TestDatabase;

class PostgresMigrationTests extends MigrationContractTests {

	@Override
	String url(String name) {
		return TestDatabase.POSTGRESQL.url(name);
	}

	@Override
	String username() {
		return TestDatabase.POSTGRESQL.username();
	}

	@Override
	String password() {
		return TestDatabase.POSTGRESQL.password();
	}

	@Override
	String vendor() {
		return TestDatabase.POSTGRESQL.vendor();
	}

}
