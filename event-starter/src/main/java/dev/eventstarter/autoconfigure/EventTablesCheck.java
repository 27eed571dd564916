package dev.eventstarter.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fails startup, saying which migrations to run, when event tables do not exist or are
 * older than this version needs. Each capability checks the tables it uses.
 */
public final class EventTablesCheck implements InitializingBean {

	private final DataSource dataSource;

	private final DatabasePlatform platform;

	private final EventsJdbcProperties properties;

	private final List<String> tables;

	/**
	 * Create a check.
	 * @param dataSource the data source holding the tables
	 * @param platform its database
	 * @param properties where the schema script is
	 * @param tables the tables to check
	 */
	public EventTablesCheck(DataSource dataSource, DatabasePlatform platform, EventsJdbcProperties properties,
			List<String> tables) {
		this.dataSource = dataSource;
		this.platform = platform;
		this.properties = properties;
		this.tables = tables;
	}

	@Override
	public void afterPropertiesSet() {
		for (String table : this.tables) {
			check(table);
		}
	}

	private void check(String table) {
		try {
			JdbcClient.create(this.dataSource).sql(EventsSchema.probe(table)).query().listOfRows();
		}
		catch (DataAccessException ex) {
			throw new IllegalStateException("The event table " + table + " is missing or older than this version of "
					+ "event-starter needs (" + ex.getMostSpecificCause().getMessage() + "). " + remedy(), ex);
		}
	}

	private String remedy() {
		String schema = this.properties.getSchema();
		if (schema != null && !EventsJdbcProperties.isDefault(schema)) {
			return "Run " + schema.replace("@@platform@@", this.platform.scriptPlatform())
					+ " against the application's database, or set events.jdbc.initialize-schema=always.";
		}
		return "Apply event-starter's migrations up to " + EventsSchema.newest() + " from "
				+ EventsSchema.location(this.platform) + " (inside the event-starter jar): with Flyway the starter "
				+ "applies them itself, with Liquibase include " + EventsSchema.LIQUIBASE_CHANGELOG
				+ " (from the class path)" + " from the master changelog, or run the scripts in version order. Or set "
				+ "events.jdbc.initialize-schema=always to let the application run them at startup.";
	}

}
