package dev.eventstarter.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.eventstarter.Event;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit-log subscriber: one {@code _audit_log} row per event (who, where, what
 * changed, in which trace) and one JSON line on the {@value #LOGGER_NAME} logger.
 *
 * <p>
 * It takes the events of a dispatch round in one JDBC batch, and writes each row at most
 * once: a redelivered event finds its row there and is neither written nor logged again.
 * Neither the row nor the log line holds attribute values, only the names of the
 * attributes that changed, so masked values never appear.
 */
final class AuditLog {

	/**
	 * The logger each audited event is written to, at INFO.
	 */
	static final String LOGGER_NAME = "dev.eventstarter.audit";

	/**
	 * The subscriber id of its deliveries.
	 */
	static final String SUBSCRIBER_ID = "audit-log";

	private static final Log auditLogger = LogFactory.getLog(LOGGER_NAME);

	private final AuditRows rows;

	private final JsonMapper jsonMapper;

	/**
	 * Create an audit log.
	 * @param rows the rows of {@code _audit_log}
	 * @param jsonMapper writes the log lines
	 */
	AuditLog(AuditRows rows, JsonMapper jsonMapper) {
		this.rows = rows;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Record events, each once.
	 * @param events the events
	 */
	void record(List<Event> events) {
		Set<UUID> written = this.rows.insert(events);
		if (auditLogger.isInfoEnabled()) {
			for (Event event : events) {
				if (written.contains(event.eventId())) {
					auditLogger.info(this.jsonMapper.writeValueAsString(AuditEntry.of(event).toMap()));
				}
			}
		}
	}

	/**
	 * Delete up to {@code limit} rows older than the cutoff.
	 * @return how many were deleted
	 */
	int purge(Instant cutoff, int limit) {
		return this.rows.purge(cutoff, limit);
	}

}
