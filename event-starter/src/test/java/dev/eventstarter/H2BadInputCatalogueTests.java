package dev.eventstarter;

import java.util.Map;
import java.util.UUID;

class H2BadInputCatalogueTests extends BadInputCatalogueContractTests {

	// kept while the JVM runs, so that each application started to fail opens the same
	// database
	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@Override
	Map<String, String> databaseProperties() {
		return Map.of("spring.datasource.url", this.url);
	}

}
