package dev.eventstarter.erasure;

import dev.eventstarter.test.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresErasureTests extends ErasureContractTests {

	@DynamicPropertySource
	static void erasureSchema(DynamicPropertyRegistry registry) {
		TestPostgres.properties("erasure_test").forEach((name, value) -> registry.add(name, () -> value));
	}

}
