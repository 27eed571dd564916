package dev.eventstarter.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fails startup, saying which script to run, when event tables do not exist. Each
 * capability checks the tables it uses.
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
			// the table name is the starter's own, never input
			JdbcClient.create(this.dataSource)
				.sql("select count(*) from " + table + " where 1 = 0")
				.query()
				.singleValue();
		}
		catch (DataAccessException ex) {
			String script = this.properties.getSchema().replace("@@platform@@", this.platform.scriptPlatform());
			throw new IllegalStateException("The event table " + table + " cannot be read ("
					+ ex.getMostSpecificCause().getMessage() + "). Create it by running " + script
					+ " (inside the event-starter jar) against the application's database, or set "
					+ "events.jdbc.initialize-schema=always to let the application create it at startup.", ex);
		}
	}

}
