package dev.eventstarter.console;

import dev.eventstarter.test.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresConsoleApiTests extends ConsoleApiContractTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.properties("console_api").forEach((name, value) -> registry.add(name, () -> value));
	}

}
