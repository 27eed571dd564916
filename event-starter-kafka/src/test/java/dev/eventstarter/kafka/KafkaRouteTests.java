package dev.eventstarter.kafka;

import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Backoff;
import dev.eventstarter.Event;
import dev.eventstarter.store.EventDocuments;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Routes built in code: what they send where, and every mistake caught by
 * {@code build()}.
 */
class KafkaRouteTests {

	private static final Event WITH_RESOURCE = event("posts.updated", "posts", "42", "acme");

	private static final Event WITHOUT_RESOURCE = event("notes.added", null, null, null);

	@Test
	void keysFollowTheKeyMode() {
		KafkaRoute byResource = KafkaRoute.builder("a").events("*").topic("t").build();
		assertThat(byResource.key(WITH_RESOURCE)).isEqualTo("42");
		assertThat(byResource.key(WITHOUT_RESOURCE)).isEqualTo(WITHOUT_RESOURCE.eventId().toString());
		assertThat(byResource.ordered()).isTrue();
		KafkaRoute byEvent = KafkaRoute.builder("a").events("*").topic("t").key(KafkaRoute.Key.EVENT_ID).build();
		assertThat(byEvent.key(WITH_RESOURCE)).isEqualTo(WITH_RESOURCE.eventId().toString());
		assertThat(byEvent.ordered()).isFalse();
		KafkaRoute none = KafkaRoute.builder("a").events("*").topic("t").key(KafkaRoute.Key.NONE).build();
		assertThat(none.key(WITH_RESOURCE)).isNull();
		assertThat(none.ordered()).isFalse();
	}

	@Test
	void functionsChooseTopicAndKeyPerEvent() {
		KafkaRoute route = KafkaRoute.builder("tenants")
			.events("posts.*", "notes.*")
			.topic((event) -> "posts." + event.tenant())
			.key((event) -> event.tenant() + ":" + event.resourceId())
			.ordered(true)
			.value(KafkaRoute.Value.DATA)
			.maxAttempts(5)
			.backoff(Backoff.FIXED)
			.build();
		assertThat(route.topic(WITH_RESOURCE)).isEqualTo("posts.acme");
		assertThat(route.key(WITH_RESOURCE)).isEqualTo("acme:42");
		assertThat(route.ordered()).isTrue();
		assertThat(route.subscriberId()).isEqualTo("kafka:tenants");
		assertThat(route.events()).containsExactly("posts.*", "notes.*");
		assertThat(route.value()).isEqualTo(KafkaRoute.Value.DATA);
		assertThat(route.maxAttempts()).isEqualTo(5);
		assertThat(route.backoff()).isEqualTo(Backoff.FIXED);
		assertThat(route).hasToString(
				"KafkaRoute[tenants [posts.*, notes.*] -> (topic per event), key (key per event), value DATA]");
	}

	@Test
	void aKeyFunctionMakesTheRouteUnorderedUnlessToldOtherwise() {
		KafkaRoute route = KafkaRoute.builder("a").events("*").topic("t").key(Event::tenant).build();
		assertThat(route.ordered()).isFalse();
	}

	@Test
	void buildSaysWhatToFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> KafkaRoute.builder("blog posts").build())
			.withMessage("KafkaRoute name must be 1 to 64 letters, digits, '_', '.' or '-', but was 'blog posts'");
		assertThatIllegalArgumentException().isThrownBy(() -> KafkaRoute.builder("posts").topic("t").build())
			.withMessage("KafkaRoute 'posts' needs at least one type pattern: events(\"orders.*\")");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KafkaRoute.builder("posts").events("posts created").topic("t").build())
			.withMessage("KafkaRoute 'posts': 'posts created' is not a valid type pattern: 1 to 255 letters, digits, "
					+ "'.', '_', '-', ':' or '*' (any run of characters)");
		assertThatIllegalArgumentException().isThrownBy(() -> KafkaRoute.builder("posts").events("posts.*").build())
			.withMessage("KafkaRoute 'posts' needs a topic: topic(\"orders\") or topic((event) -> ...)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KafkaRoute.builder("posts").events("posts.*").topic("blog posts").build())
			.withMessage("KafkaRoute 'posts': 'blog posts' is not a valid Kafka topic name: 1 to 249 letters, "
					+ "digits, '.', '_' or '-'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KafkaRoute.builder("posts").events("posts.*").topic("t").maxAttempts(0).build())
			.withMessage("KafkaRoute 'posts': maxAttempts must be from 1 to 1000, but was 0");
	}

	static Event event(String type, String resourceName, String resourceId, String tenant) {
		Map<String, String> headers = new java.util.HashMap<>();
		headers.put(EventDocuments.EVENT_ID, UUID.randomUUID().toString());
		headers.put(EventDocuments.EVENT_TYPE, type);
		headers.put(EventDocuments.RESOURCE_NAME, resourceName);
		headers.put(EventDocuments.RESOURCE_ID, resourceId);
		headers.put(EventDocuments.TENANT, tenant);
		headers.put(EventDocuments.CREATED_AT, "2026-12-01T10:00:00Z");
		headers.put(EventDocuments.TRANSACTION_ID, UUID.randomUUID().toString());
		headers.put(EventDocuments.CONTENT_TYPE, EventDocuments.DATA_CONTENT);
		return EventDocuments.read("{\"n\":1}", headers::get, new JsonMapper());
	}

}
