package dev.eventstarter.test;

import javax.sql.DataSource;

import dev.eventstarter.store.DatabasePlatform;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and resets whether events are dispatched, as each database keeps it: a row of the
 * work list {@code _event_queue} on PostgreSQL, {@code _events.dispatched_at} elsewhere.
 */
public final class DispatchState {

	private DispatchState() {
	}

	/**
	 * How many events are not dispatched yet.
	 */
	public static long undispatched(DataSource dataSource) {
		DatabasePlatform platform = DatabasePlatform.of(dataSource);
		return JdbcClient.create(dataSource)
			.sql("select count(*) from _events where " + platform.undispatched("_events"))
			.query(Long.class)
			.single();
	}

	/**
	 * Make dispatched events undispatched again, as a forced redelivery.
	 * @param condition which events, a condition on {@code _events}
	 */
	public static void undispatch(DataSource dataSource, String condition) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		if (DatabasePlatform.of(dataSource) == DatabasePlatform.POSTGRESQL) {
			jdbc.sql("insert into _event_queue (id, priority, available_at, created_at) "
					+ "select id, priority, available_at, created_at from _events where (" + condition + ") and not "
					+ DatabasePlatform.POSTGRESQL.undispatched("_events"))
				.update();
		}
		else {
			jdbc.sql("update _events set dispatched_at = null where " + condition).update();
		}
	}

}
