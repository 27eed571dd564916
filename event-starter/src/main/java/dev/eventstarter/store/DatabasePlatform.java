package dev.eventstarter.store;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The databases the event tables can live in, told once from the {@code DataSource}. Each
 * store the starter keeps (the write path's insert, the settled horizon, the dispatcher's
 * leases, delivery rows, ordering queries and event rows, the audit log's rows) has an
 * implementation per constant, chosen by an exhaustive {@code switch} where it is wired:
 * adding a database is a new constant, new classes and a schema script (see
 * {@code docs/adding-a-database.md}).
 */
public enum DatabasePlatform {

	/**
	 * PostgreSQL 15 or later: any number of instances share one database.
	 */
	POSTGRESQL,

	/**
	 * H2, for embedded single-instance use.
	 */
	H2,

	/**
	 * MariaDB 10.6 or later: any number of instances share one database.
	 */
	MARIADB,

	/**
	 * MySQL 8.0 or later, with the SQL of MariaDB wherever the two share it.
	 */
	MYSQL;

	/**
	 * A time as a bind parameter. PostgreSQL and H2 keep the offset; MariaDB and MySQL
	 * store times in {@code datetime(6)} columns, written and read as UTC local times,
	 * since their drivers convert zoned values to the JVM's time zone.
	 * @param instant the time, or {@code null}
	 * @return the parameter value
	 */
	public @Nullable Object timestamp(@Nullable Instant instant) {
		if (instant == null) {
			return null;
		}
		return switch (this) {
			case POSTGRESQL, H2 -> instant.atOffset(ZoneOffset.UTC);
			case MARIADB, MYSQL -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		};
	}

	/**
	 * A UUID as a bind parameter: PostgreSQL and H2 have a type for it, MariaDB and MySQL
	 * keep its 36-character text, which MySQL Connector/J would not write from a
	 * {@code UUID}.
	 * @param uuid the UUID
	 * @return the parameter value
	 */
	public Object uuid(UUID uuid) {
		return switch (this) {
			case POSTGRESQL, H2 -> uuid;
			case MARIADB, MYSQL -> uuid.toString();
		};
	}

	/**
	 * Read a UUID column.
	 * @param rs the result set
	 * @param column the column
	 * @return the UUID, or {@code null} when the column is null
	 * @throws SQLException when it cannot be read
	 */
	public @Nullable UUID uuid(ResultSet rs, String column) throws SQLException {
		return switch (this) {
			case POSTGRESQL, H2 -> rs.getObject(column, UUID.class);
			case MARIADB, MYSQL -> {
				String text = rs.getString(column);
				yield (text != null) ? UUID.fromString(text) : null;
			}
		};
	}

	/**
	 * Read a time column.
	 * @param rs the result set
	 * @param column the column
	 * @return the time, or {@code null} when the column is null
	 * @throws SQLException when it cannot be read
	 */
	public @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		return switch (this) {
			case POSTGRESQL, H2 -> {
				OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
				yield (time != null) ? time.toInstant() : null;
			}
			case MARIADB, MYSQL -> {
				LocalDateTime time = rs.getObject(column, LocalDateTime.class);
				yield (time != null) ? time.toInstant(ZoneOffset.UTC) : null;
			}
		};
	}

	/**
	 * Read a time column that is never null.
	 * @param rs the result set
	 * @param column the column
	 * @return the time
	 * @throws SQLException when it cannot be read
	 */
	public Instant requiredInstant(ResultSet rs, String column) throws SQLException {
		Instant instant = instant(rs, column);
		if (instant == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return instant;
	}

	/**
	 * The SQL condition that an event is not dispatched yet. PostgreSQL keeps its
	 * undispatched events in {@code _event_queue}, so that acknowledging one deletes a
	 * narrow row rather than rewriting the event's; the others mark
	 * {@code _events.dispatched_at}.
	 * @param events the name or alias of {@code _events} in the query
	 * @return the condition
	 */
	public String undispatched(String events) {
		return switch (this) {
			case POSTGRESQL -> "exists (select 1 from _event_queue q where q.priority = " + events
					+ ".priority and q.id = " + events + ".id)";
			case H2, MARIADB, MYSQL -> events + ".dispatched_at is null";
		};
	}

	/**
	 * The SQL expression for when an event was dispatched, {@code null} while it is not.
	 * On PostgreSQL the time is that of the acknowledged round holding the event's id in
	 * {@code _event_dispatches}, or the column for events dispatched before schema
	 * version 3.
	 * @param events the name or alias of {@code _events} in the query
	 * @return the expression
	 */
	public String dispatchedAt(String events) {
		return switch (this) {
			case POSTGRESQL -> "coalesce(" + events + ".dispatched_at, (select max(d.dispatched_at) "
					+ "from _event_dispatches d where d.event_ids @> " + events + ".id))";
			case H2, MARIADB, MYSQL -> events + ".dispatched_at";
		};
	}

	/**
	 * The value of the {@code @@platform@@} placeholder in schema script names.
	 * @return the platform name
	 */
	public String scriptPlatform() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Detect the platform of a data source.
	 * @param dataSource the data source holding the event tables
	 * @return the platform
	 * @throws IllegalStateException if the database is none of them
	 */
	public static DatabasePlatform of(DataSource dataSource) {
		String productName;
		try {
			productName = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException(
					"event-starter could not detect the database of the DataSource: " + ex.getMessage(), ex);
		}
		return switch (DatabaseDriver.fromProductName(productName)) {
			case POSTGRESQL -> POSTGRESQL;
			case H2 -> H2;
			case MARIADB -> MARIADB;
			case MYSQL -> MYSQL;
			default -> throw new IllegalStateException(
					"event-starter supports PostgreSQL, MariaDB, MySQL and H2, but " + "the DataSource is "
							+ productName + ". Use one of those for the event tables, or set events.enabled=false.");
		};
	}

}
