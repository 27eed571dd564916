package dev.eventstarter.sample.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the audit log the starter writes to {@code _audit_log}, newest first.
 */
@RestController
class AuditController {

	private static final String LATEST_ENTRIES = """
			select id, event_id, occurred_at, event_type, action, resource_name, resource_id, user_id, role, ip,
			       user_agent, changed_fields, trace_id
			from _audit_log order by id desc limit :limit""";

	private static final int MAX_LIMIT = 500;

	private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditController(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@GetMapping("/api/audit")
	List<AuditEntry> latest(@RequestParam(defaultValue = "50") int limit) {
		Assert.isTrue(limit >= 1 && limit <= MAX_LIMIT,
				() -> "limit must be from 1 to " + MAX_LIMIT + ", but was " + limit);
		return this.jdbc.sql(LATEST_ENTRIES).param("limit", limit).query(this::entry).list();
	}

	private AuditEntry entry(ResultSet rs, int row) throws SQLException {
		String changedFields = rs.getString("changed_fields");
		return new AuditEntry(rs.getLong("id"), rs.getObject("event_id", UUID.class),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("event_type"),
				rs.getString("action"), rs.getString("resource_name"), rs.getString("resource_id"),
				rs.getString("user_id"), rs.getString("role"), rs.getString("ip"), rs.getString("user_agent"),
				(changedFields != null) ? this.json.readValue(changedFields, NAMES) : null, rs.getString("trace_id"));
	}

	/**
	 * One row of {@code _audit_log}.
	 *
	 * @param id the row id
	 * @param eventId the event it records
	 * @param occurredAt when the event occurred
	 * @param eventType the event type
	 * @param action {@code created}, {@code updated}, {@code deleted} or the last part of
	 * a custom type
	 * @param resourceName the resource
	 * @param resourceId the record id
	 * @param userId who caused it
	 * @param role their first role
	 * @param ip from which address
	 * @param userAgent with which client
	 * @param changedFields the names of the attributes that changed (CRUD events)
	 * @param traceId the trace id
	 */
	record AuditEntry(long id, UUID eventId, Instant occurredAt, String eventType, String action, String resourceName,
			String resourceId, String userId, String role, String ip, String userAgent, List<String> changedFields,
			String traceId) {

	}

}
