package dev.eventstarter.erasure;

import java.time.Instant;
import java.util.List;

import dev.eventstarter.store.DatabasePlatform;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows erasure reads and rewrites in {@code _events} and {@code _audit_log}, a page
 * at a time by ascending id. A resource's events come from the resource index and a
 * user's audit rows from the user index; a user's events have no index (the user id is
 * inside {@code session_variables}), so finding them reads {@code _events} once along its
 * primary key, page after page, with plain reads that lock nothing.
 */
final class ErasureRows {

	private static final String SELECT_RESOURCE_EVENTS = """
			select id, event_type, resource_name, data, erased_at from _events
			where resource_name = :resourceName and resource_id = :resourceId and id > :afterId
			order by id
			limit :limit""";

	private static final String DROP_SESSION_VARIABLES = """
			update _events set session_variables = null, erased_at = coalesce(erased_at, :now) where id in (:ids)""";

	private static final String SELECT_AUDIT_ROWS = """
			select id from _audit_log where user_id = :userId order by id limit :limit""";

	private static final String ERASE_AUDIT_ROWS = """
			update _audit_log set user_id = null, role = null, ip = null, user_agent = null,
			    erased_at = coalesce(erased_at, :now)
			where id in (:ids) and user_id = :userId""";

	private static final String SELECT_RESOURCE_AUDIT_ROWS = """
			select id from _audit_log
			where resource_name = :resourceName and resource_id = :resourceId and erased_at is null
			order by id limit :limit""";

	private static final String MARK_AUDIT_ROWS = """
			update _audit_log set erased_at = :now where id in (:ids) and erased_at is null""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final ErasureStatements statements;

	private final DatabasePlatform platform;

	ErasureRows(JdbcTemplate jdbcTemplate, ErasureStatements statements, DatabasePlatform platform) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.statements = statements;
		this.platform = platform;
	}

	List<EventData> resourceEvents(String resourceName, String resourceId, long afterId, int limit) {
		return this.jdbc.sql(SELECT_RESOURCE_EVENTS)
			.param("resourceName", resourceName)
			.param("resourceId", resourceId)
			.param("afterId", afterId)
			.param("limit", limit)
			.query((rs, rowNum) -> new EventData(rs.getLong("id"), rs.getString("event_type"),
					rs.getString("resource_name"), rs.getString("data"), this.platform.instant(rs, "erased_at")))
			.list();
	}

	void eraseData(List<EventData> events, Instant now) {
		List<Object[]> rows = events.stream()
			.map((event) -> new Object[] { event.data(), this.platform.timestamp(now), event.id() })
			.toList();
		this.jdbcTemplate.batchUpdate(this.statements.eraseData(), rows);
	}

	List<SessionVariables> userEventCandidates(String userId, long afterId, int limit) {
		return this.jdbc.sql(this.statements.selectUserEvents())
			.param("userId", userId)
			.param("afterId", afterId)
			.param("limit", limit)
			.query((rs, rowNum) -> new SessionVariables(rs.getLong("id"), rs.getString("session_variables")))
			.list();
	}

	int dropSessionVariables(List<Long> ids, Instant now) {
		return this.jdbc.sql(DROP_SESSION_VARIABLES)
			.param("now", this.platform.timestamp(now))
			.param("ids", ids)
			.update();
	}

	List<Long> auditRows(String userId, int limit) {
		return this.jdbc.sql(SELECT_AUDIT_ROWS)
			.param("userId", userId)
			.param("limit", limit)
			.query((rs, rowNum) -> rs.getLong("id"))
			.list();
	}

	int eraseAuditRows(List<Long> ids, String userId, Instant now) {
		return this.jdbc.sql(ERASE_AUDIT_ROWS)
			.param("ids", ids)
			.param("userId", userId)
			.param("now", this.platform.timestamp(now))
			.update();
	}

	List<Long> unmarkedAuditRows(String resourceName, String resourceId, int limit) {
		return this.jdbc.sql(SELECT_RESOURCE_AUDIT_ROWS)
			.param("resourceName", resourceName)
			.param("resourceId", resourceId)
			.param("limit", limit)
			.query((rs, rowNum) -> rs.getLong("id"))
			.list();
	}

	int markAuditRows(List<Long> ids, Instant now) {
		return this.jdbc.sql(MARK_AUDIT_ROWS).param("ids", ids).param("now", this.platform.timestamp(now)).update();
	}

	/**
	 * What erasing a resource's event reads and writes.
	 */
	record EventData(long id, String eventType, @Nullable String resourceName, String data,
			@Nullable Instant erasedAt) {

		EventData withData(String erased) {
			return new EventData(this.id, this.eventType, this.resourceName, erased, this.erasedAt);
		}

	}

	/**
	 * An event's session variables, as JSON text.
	 */
	record SessionVariables(long id, @Nullable String json) {

	}

}
