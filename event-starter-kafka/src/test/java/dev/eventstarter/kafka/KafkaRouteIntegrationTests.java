package dev.eventstarter.kafka;

import dev.eventstarter.kafka.testapp.KafkaTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the test application against the test broker: one
 * application for them all, with every route they use, reaching the broker through the
 * proxy that the outage test cuts. Its producer gives up on a record after 3 s and waits
 * at most 1 s for a topic's metadata, so that outages show within the tests' time.
 */
@SpringBootTest(classes = KafkaTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "events.kafka.routes[0].name=articles", "events.kafka.routes[0].events=articles.*",
				"events.kafka.routes[0].topic=records.articles", "events.kafka.routes[1].name=article-data",
				"events.kafka.routes[1].events=articles.*", "events.kafka.routes[1].topic=records.article-data",
				"events.kafka.routes[1].key=event-id", "events.kafka.routes[1].value=data",
				"events.kafka.routes[2].name=notes", "events.kafka.routes[2].events=notes.*",
				"events.kafka.routes[2].topic=records.notes", "events.kafka.routes[3].name=unkeyed-notes",
				"events.kafka.routes[3].events=notes.*", "events.kafka.routes[3].topic=records.unkeyed-notes",
				"events.kafka.routes[3].key=none", "events.kafka.routes[3].value=data",
				"events.kafka.routes[4].name=counters", "events.kafka.routes[4].events=counters.*",
				"events.kafka.routes[4].topic=ordering.counters", "events.kafka.routes[5].name=items",
				"events.kafka.routes[5].events=items.*", "events.kafka.routes[5].topic=outage.items",
				"events.kafka.routes[5].max-attempts=100", "events.kafka.routes[6].name=refused",
				"events.kafka.routes[6].events=orders.*", "events.kafka.routes[6].topic=outage.orders",
				"events.kafka.routes[6].max-attempts=2", "events.kafka.routes[6].backoff=fixed",
				"events.dispatch.batch-size=200", "spring.kafka.producer.properties.delivery.timeout.ms=3000",
				"spring.kafka.producer.properties.request.timeout.ms=1000",
				"spring.kafka.producer.properties.max.block.ms=1000", "management.tracing.sampling.probability=1.0",
				"management.endpoints.web.exposure.include=events" })
abstract class KafkaRouteIntegrationTests {

	/**
	 * The topics the routes send to, but the one whose absence a test needs.
	 */
	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		TestKafka kafka = TestKafka.get();
		kafka.createTopics("records.articles", "records.article-data", "records.notes", "records.unkeyed-notes",
				"ordering.counters", "outage.items");
		registry.add("spring.kafka.bootstrap-servers", kafka::proxiedBootstrapServers);
	}

}
