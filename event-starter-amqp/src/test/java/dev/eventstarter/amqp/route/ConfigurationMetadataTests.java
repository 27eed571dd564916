package dev.eventstarter.amqp.route;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete and explain every {@code events.amqp.*} property.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDocumented() throws Exception {
		List<String> names = new ArrayList<>();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			JsonNode metadata;
			try (InputStream in = url.openStream()) {
				metadata = JsonMapper.builder().build().readTree(in);
			}
			for (JsonNode property : metadata.get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("events.amqp.")) {
					names.add(name);
					assertThat(property.path("description").asString()).as(name).isNotBlank();
				}
			}
		}
		assertThat(names).containsExactlyInAnyOrder("events.amqp.routes", "events.amqp.confirm-timeout");
	}

}
