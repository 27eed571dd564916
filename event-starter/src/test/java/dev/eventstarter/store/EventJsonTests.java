package dev.eventstarter.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event document, written as it goes, is the document a map of the same fields with
 * the data parsed into a tree gives: webhooks sign it and consumers compare it, so
 * streaming the stored data must not change a byte.
 */
class EventJsonTests {

	private final EventJson json = new EventJson(JsonMapper.builder().build());

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"new\": {\"id\": 1, \"note\": \"say \\\"hi\\\" \u00fc \\u2028\", \"tags\": [\"a\", \"b\"], \"total\": 129.95}, \"old\": null, \"changes\": {\"added\": [\"id\"], \"removed\": [], \"updated\": []}}",
			"{\"big\": 12345678901234567890, \"exp\": 1.5e300, \"neg\": -0.0, \"deep\": [[[{\"x\": true}]]], \"empty\": {}}",
			"\"just a string\"", "42", "null", "[]" })
	void aStoredEventsDocumentIsTheDocumentOfItsParsedData(String data) {
		StoredEvent event = new StoredEvent(7,
				new PendingEvent(UUID.fromString("01a23aed-b74b-7aec-83f6-32a87db6e2f7"), "orders.created", "orders",
						"1", Instant.parse("2026-12-03T08:03:07.205979Z"), Instant.parse("2026-12-03T08:03:07.205979Z"),
						5, "acme", "shop", data, "{\"ip\": \"127.0.0.1\", \"role\": \"ADMIN\", \"userId\": \"alice\"}",
						"{\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\", \"spanId\": \"00f067aa0ba902b7\"}",
						UUID.fromString("01a23aed-b74b-7aec-83f6-32a87db6e2f8"), null),
				Instant.parse("2026-12-03T08:03:08Z"), Instant.parse("2026-12-03T09:00:00Z"), this.json.mapper());
		assertThat(this.json.document(event)).isEqualTo(asMap(event));
		assertThat(this.json.documentBytes(event)).isEqualTo(asMap(event).getBytes(StandardCharsets.UTF_8));
	}

	// the document as it was built before it was streamed
	private String asMap(StoredEvent event) {
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		document.put("id", event.id());
		document.put("eventId", event.eventId());
		document.put("eventType", event.eventType());
		document.put("resourceName", event.resourceName());
		document.put("resourceId", event.resourceId());
		document.put("createdAt", event.createdAt());
		document.put("dispatchedAt", event.dispatchedAt());
		document.put("data", event.data());
		document.put("sessionVariables", EventJson.sessionVariables(event.sessionVariables()));
		document.put("traceContext", event.traceContext());
		document.put("tenant", event.tenant());
		document.put("source", event.source());
		document.put("priority", event.priority());
		document.put("transactionId", event.transactionId());
		document.put("erasedAt", event.erasedAt());
		return this.json.mapper().writeValueAsString(document);
	}

}
