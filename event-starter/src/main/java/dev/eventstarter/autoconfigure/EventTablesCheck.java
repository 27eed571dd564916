package dev.eventstarter.autoconfigure;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fails startup, saying which script to run, when the event tables do not exist.
 */
class EventTablesCheck implements InitializingBean {

	private final DataSource dataSource;

	private final DatabasePlatform platform;

	private final EventsProperties.Jdbc properties;

	EventTablesCheck(DataSource dataSource, DatabasePlatform platform, EventsProperties.Jdbc properties) {
		this.dataSource = dataSource;
		this.platform = platform;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		try {
			JdbcClient.create(this.dataSource).sql("select count(*) from _events where 1 = 0").query().singleValue();
		}
		catch (DataAccessException ex) {
			String script = this.properties.getSchema().replace("@@platform@@", this.platform.scriptPlatform());
			throw new IllegalStateException("The event table _events cannot be read ("
					+ ex.getMostSpecificCause().getMessage() + "). Create it by running " + script
					+ " (inside the event-starter jar) against the application's database, or set "
					+ "events.jdbc.initialize-schema=always to let the application create it at startup.", ex);
		}
	}

}
