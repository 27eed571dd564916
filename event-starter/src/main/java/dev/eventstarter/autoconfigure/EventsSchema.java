package dev.eventstarter.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.eventstarter.store.DatabasePlatform;

/**
 * The versions of the event tables. Each is one migration script per database, in
 * {@code db/event-starter/<database>/} inside the jar: Flyway reads that folder (Boot's
 * {@code {vendor}} names the same folders), the Liquibase changelog includes the same
 * files, and {@code events.jdbc.initialize-schema} runs them in order. A schema change is
 * a new version here and a new script in every folder; released scripts never change.
 */
public final class EventsSchema {

	/**
	 * The Liquibase changelog (a class path resource) to include from the application's
	 * master changelog.
	 */
	public static final String LIQUIBASE_CHANGELOG = "db/event-starter/changelog.xml";

	static final String FOLDER = "db/event-starter/";

	/**
	 * The migrations, oldest first. Every script is safe to run again, so that the
	 * initializer may run them all at every start and Flyway may apply them over tables
	 * the initializer created.
	 */
	static final List<String> MIGRATIONS = List.of("V1__event_starter_tables.sql", "V2__erased_at.sql",
			"V3__dispatch_queue.sql");

	/**
	 * The columns later versions added, by table: reading them tells an outdated table
	 * from a current one.
	 */
	private static final Map<String, String> ADDED_COLUMNS = Map.of("_events", "erased_at", "_audit_log", "erased_at");

	private EventsSchema() {
	}

	/**
	 * The classpath location of a database's migrations.
	 * @param platform the database
	 * @return a {@code classpath:} location
	 */
	public static String location(DatabasePlatform platform) {
		return "classpath:" + FOLDER + platform.scriptPlatform();
	}

	static List<String> scripts(String platform) {
		return MIGRATIONS.stream().map((script) -> "classpath:" + FOLDER + platform + "/" + script).toList();
	}

	static String probe(String table) {
		// the table names are the starter's own, never input
		return "select " + ADDED_COLUMNS.getOrDefault(table, "count(*)") + " from " + table + " where 1 = 0";
	}

	static String newest() {
		return MIGRATIONS.get(MIGRATIONS.size() - 1);
	}

}
