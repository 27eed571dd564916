package dev.eventstarter.store;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

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
	H2;

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
