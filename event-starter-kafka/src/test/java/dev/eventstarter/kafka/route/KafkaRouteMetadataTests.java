package dev.eventstarter.kafka.route;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.eventstarter.kafka.KafkaRoute;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete and explain {@code events.kafka.routes} and offer the key and value
 * modes.
 */
class KafkaRouteMetadataTests {

	@Test
	void theRoutesAreDocumentedAndTheirModesHinted() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new JsonMapper().readTree(in);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			if (property.get("name").asString().startsWith("events.kafka")) {
				names.add(property.get("name").asString());
				assertThat(property.path("description").asString()).isNotBlank();
			}
		}
		assertThat(names).containsExactly("events.kafka.routes");
		assertThat(hinted(metadata, "events.kafka.routes[].key"))
			.containsExactlyElementsOf(modes(KafkaRoute.Key.values()));
		assertThat(hinted(metadata, "events.kafka.routes[].value"))
			.containsExactlyElementsOf(modes(KafkaRoute.Value.values()));
	}

	@Test
	void thePropertiesPageHasARowForEachPropertyAndNoOther() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new JsonMapper().readTree(in);
		}
		List<String> properties = new ArrayList<>();
		metadata.get("properties").forEach((property) -> properties.add(property.get("name").asString()));
		Pattern row = Pattern.compile("^\\|\\s*`(events\\.kafka\\.[a-z0-9.-]+)[^`]*`\\s*\\|");
		List<String> documented = Files.readAllLines(Path.of("../docs/properties.md"))
			.stream()
			.map(row::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.toList();
		assertThat(documented).as("rows of docs/properties.md").containsExactlyInAnyOrderElementsOf(properties);
	}

	private static List<String> hinted(JsonNode metadata, String name) {
		List<String> values = new ArrayList<>();
		for (JsonNode hint : metadata.get("hints")) {
			if (hint.get("name").asString().equals(name)) {
				hint.get("values").forEach((value) -> {
					assertThat(value.path("description").asString()).isNotBlank();
					values.add(value.get("value").asString());
				});
			}
		}
		return values;
	}

	private static List<String> modes(Enum<?>[] values) {
		return Stream.of(values).map((value) -> value.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
	}

}
