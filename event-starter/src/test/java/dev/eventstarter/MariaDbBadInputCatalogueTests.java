package dev.eventstarter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventstarter.test.TestMariaDb;
import org.junit.jupiter.params.provider.Arguments;

class MariaDbBadInputCatalogueTests extends BadInputCatalogueContractTests {

	@Override
	Map<String, String> databaseProperties() {
		Map<String, String> properties = new HashMap<>(TestMariaDb.properties("events_bad_input"));
		properties.put("events.jdbc.initialize-schema", "always");
		return properties;
	}

	@Override
	void databaseCases(List<Arguments> cases) {
		startup(cases, "DataSource", "connections that read uncommitted rows",
				List.of("spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_UNCOMMITTED"),
				IllegalStateException.class, "The DataSource's connections default to READ UNCOMMITTED, where "
						+ "event-starter cannot tell committed events from uncommitted ones; configure READ COMMITTED");
	}

}
