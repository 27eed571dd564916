package dev.eventstarter.test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.eventstarter.store.WalRelay;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads {@code _events} rows as they are stored, for assertions on concrete columns.
 */
public final class EventRows {

	private static final JsonMapper json = new JsonMapper();

	private final JdbcClient jdbc;

	private final @Nullable WalRelay relay;

	public EventRows(JdbcClient jdbc) {
		this(jdbc, null);
	}

	/**
	 * Rows read once every committed transaction is relayed, in the WAL store mode.
	 * @param jdbc reads the rows
	 * @param relay the relay of the WAL store mode, or {@code null} in the table mode
	 */
	public EventRows(JdbcClient jdbc, @Nullable WalRelay relay) {
		this.jdbc = jdbc;
		this.relay = relay;
	}

	/**
	 * Wait until the events of every transaction committed so far are in {@code _events}:
	 * at once in the table mode, once relayed in the WAL mode.
	 */
	public void awaitRelayed() {
		if (this.relay != null && !this.relay.awaitRelayed(Duration.ofSeconds(10))) {
			throw new IllegalStateException("The WAL relay did not catch up within 10 seconds");
		}
	}

	public List<Row> all() {
		awaitRelayed();
		return this.jdbc.sql("select * from _events order by id")
			.query((rs, rowNum) -> new Row(rs.getLong("id"), rs.getObject("event_id", UUID.class),
					rs.getString("event_type"), rs.getString("resource_name"), rs.getString("resource_id"),
					instant(rs, "created_at"), instant(rs, "available_at"), dispatchedAt(rs), rs.getInt("priority"),
					rs.getString("tenant"), rs.getString("source"), parse(rs.getString("data")),
					parse(rs.getString("session_variables")), parse(rs.getString("trace_context")),
					rs.getObject("transaction_id", UUID.class), parse(rs.getString("metadata"))))
			.list();
	}

	/**
	 * A time as stored: with its offset on PostgreSQL and H2, as a UTC local time in a
	 * MariaDB {@code datetime}.
	 */
	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Object value = rs.getObject(column);
		if (value == null) {
			return null;
		}
		if (rs.getMetaData().getColumnTypeName(rs.findColumn(column)).startsWith("DATETIME")) {
			return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
		}
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime dispatchedAt(ResultSet rs) throws SQLException {
		Instant instant = instant(rs, "dispatched_at");
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public Row single() {
		List<Row> rows = all();
		if (rows.size() != 1) {
			throw new AssertionError("Expected one event, found " + rows.size() + ": " + rows);
		}
		return rows.get(0);
	}

	public int count() {
		awaitRelayed();
		return this.jdbc.sql("select count(*) from _events").query(Integer.class).single();
	}

	public void deleteAll() {
		awaitRelayed();
		this.jdbc.sql("delete from _events").update();
	}

	/**
	 * Empty the event table and the tables of the test application's entities.
	 */
	public void deleteAllWithEntities() {
		awaitRelayed();
		for (String table : List.of("post_tags", "posts", "authors", "labels", "order_lines", "gadgets", "audit_notes",
				"_events")) {
			this.jdbc.sql("delete from " + table).update();
		}
	}

	/**
	 * Parse JSON text, for comparing with a stored JSON column.
	 * @param text the JSON, or {@code null}
	 * @return the tree, or {@code null}
	 */
	public static JsonNode parse(String text) {
		return (text != null) ? json.readTree(text) : null;
	}

	public record Row(long id, UUID eventId, String eventType, String resourceName, String resourceId,
			Instant createdAt, Instant availableAt, OffsetDateTime dispatchedAt, int priority, String tenant,
			String source, JsonNode data, JsonNode sessionVariables, JsonNode traceContext, UUID transactionId,
			JsonNode metadata) {

		public List<String> newKeys() {
			return List.copyOf(this.data.get("new").propertyNames());
		}

	}

}
