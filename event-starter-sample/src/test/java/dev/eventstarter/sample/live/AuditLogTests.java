package dev.eventstarter.sample.live;

import java.util.UUID;

import dev.eventstarter.sample.SampleTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's audit subscriber writes {@code _audit_log}; the sample reads it newest
 * first for the live page.
 */
class AuditLogTests extends SampleTestSupport {

	@Test
	void auditLogRecordsWhoChangedWhichFields() {
		long id = createPost("Audited");
		assertThat(this.mvc.put()
			.uri("/api/posts/{id}", id)
			.with(admin())
			.header("User-Agent", "audit-test/1.0")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"Audited, renamed\", \"body\": \"Text of Audited\"}")).hasStatusOk();
		UUID updated = eventOf("posts.updated", id);
		deliver(updated);

		assertThat(this.mvc.get().uri("/api/audit?limit=500").with(editor())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[?(@.eventId == '" + updated + "')]")
			.asArray()
			.singleElement()
			.asString()
			.contains("eventType=posts.updated", "action=updated", "resourceName=posts", "resourceId=" + id,
					"userId=admin", "role=ADMIN", "ip=127.0.0.1", "userAgent=audit-test/1.0",
					"changedFields=[\"title\",\"version\"]");
	}

	@Test
	void auditLogIsNewestFirst() {
		deliver(eventOf("posts.created", createPost("Audited first")));
		deliver(eventOf("posts.created", createPost("Audited second")));

		assertThat(this.mvc.get().uri("/api/audit?limit=2").with(editor())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].id")
			.asArray()
			.hasSize(2)
			.isSortedAccordingTo((a, b) -> Long.compare(((Number) b).longValue(), ((Number) a).longValue()));
	}

	@Test
	void badLimitIsA400() {
		assertThat(this.mvc.get().uri("/api/audit?limit=0").with(editor())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("limit must be from 1 to 500, but was 0");
	}

}
