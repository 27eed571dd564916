package dev.eventstarter;

import java.util.HashMap;
import java.util.Map;

import dev.eventstarter.test.TestMariaDb;

class MariaDbBadInputCatalogueTests extends BadInputCatalogueContractTests {

	@Override
	Map<String, String> databaseProperties() {
		Map<String, String> properties = new HashMap<>(TestMariaDb.properties("events_bad_input"));
		properties.put("events.jdbc.initialize-schema", "always");
		return properties;
	}

}
