package dev.eventstarter.amqp.route;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	@Test
	void thePropertiesPageHasARowForEachPropertyAndNoOther() throws Exception {
		List<String> names = new ArrayList<>();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonMapper.builder()
					.build()
					.readTree(in)
					.get("properties")
					.forEach((property) -> names.add(property.get("name").asString()));
			}
		}
		Pattern row = Pattern.compile("^\\|\\s*`(events\\.amqp\\.[a-z0-9.-]+)[^`]*`\\s*\\|");
		List<String> documented = Files.readAllLines(Path.of("../docs/properties.md"))
			.stream()
			.map(row::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.toList();
		assertThat(documented).as("rows of docs/properties.md")
			.containsExactlyInAnyOrderElementsOf(
					names.stream().filter((name) -> name.startsWith("events.amqp.")).toList());
	}

}
