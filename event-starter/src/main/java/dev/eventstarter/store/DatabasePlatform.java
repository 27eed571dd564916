package dev.eventstarter.store;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The databases the event tables can live in, and how their SQL differs.
 */
public enum DatabasePlatform {

	/**
	 * PostgreSQL 15 or later: {@code jsonb}, {@code FOR UPDATE SKIP LOCKED}.
	 */
	POSTGRESQL("cast(? as jsonb)"),

	/**
	 * H2, for embedded single-instance use.
	 */
	H2("? format json");

	private final String jsonParameter;

	DatabasePlatform(String jsonParameter) {
		this.jsonParameter = jsonParameter;
	}

	/**
	 * SQL for a bind parameter holding JSON text.
	 * @return the parameter expression
	 */
	public String jsonParameter() {
		return this.jsonParameter;
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
	 * @throws IllegalStateException if the database is neither PostgreSQL nor H2
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
			default ->
				throw new IllegalStateException("event-starter supports PostgreSQL and H2, but the DataSource is "
						+ productName + ". Use one of those for the event tables, or set events.enabled=false.");
		};
	}

}
