package dev.eventstarter.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete and explain every {@code events.*} property.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDocumented() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new JsonMapper().readTree(in);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			names.add(property.get("name").asString());
			assertThat(property.path("description").asString()).as(property.get("name").asString()).isNotBlank();
		}
		assertThat(names).containsExactlyInAnyOrder("events.enabled", "events.source", "events.max-payload-size",
				"events.capture.enabled", "events.capture.entities", "events.capture.on-error",
				"events.jdbc.initialize-schema", "events.jdbc.schema", "events.jdbc.platform",
				"events.jdbc.continue-on-error", "events.jdbc.flyway.enabled", "events.jdbc.flyway.table",
				"events.store.mode", "events.store.wal.slot", "events.store.wal.publication",
				"events.store.wal.takeover-interval", "events.store.wal.batch-size", "events.store.wal.max-retained",
				"events.dispatch.enabled", "events.dispatch.poll-interval", "events.dispatch.batch-size",
				"events.dispatch.lease", "events.dispatch.concurrency", "events.dispatch.shutdown-grace-period",
				"events.dispatch.notify", "events.dispatch.held-back-warning", "events.delivery.max-attempts",
				"events.delivery.backoff", "events.delivery.initial-delay", "events.delivery.max-delay",
				"events.retention.dispatched", "events.retention.dead", "events.retention.succeeded-deliveries",
				"events.audit.enabled", "events.audit.events", "events.audit.retention", "events.webhooks",
				"events.sse.enabled", "events.sse.path", "events.sse.poll-interval", "events.sse.heartbeat",
				"events.sse.max-streams", "events.sse.buffer-size", "events.sse.stall-timeout", "events.sse.timeout",
				"events.console.enabled", "events.console.path", "events.console.trace-url",
				"events.console.allow-unsecured",
				// generated for the actuator endpoint
				"management.endpoint.events.access", "management.endpoint.events.cache.time-to-live",
				"management.endpoint.eventerasure.access");
	}

}
