package dev.eventstarter.console;

/**
 * The console's SQL that differs between databases, chosen once where the console is
 * configured.
 *
 * @param eventsPerMinute counts {@code _events} rows created since {@code :since} per
 * minute, as columns {@code minute_start} and {@code events}
 * @param userCondition a condition on {@code _events} rows whose session variables have
 * the user id {@code :user}, or, where the database cannot read JSON, whose
 * {@code session_variables} text is {@code like :userLike escape '!'}
 * @param userIsLike whether the condition compares with {@code :userLike}
 */
record ConsoleDialect(String eventsPerMinute, String userCondition, boolean userIsLike) {

	static final ConsoleDialect POSTGRESQL = new ConsoleDialect("""
			select date_trunc('minute', created_at) as minute_start, count(*) as events
			from _events where created_at >= :since
			group by date_trunc('minute', created_at) order by 1""", "session_variables ->> 'userId' = :user", false);

	/**
	 * H2 reads no JSON paths: the user id is found in the compact JSON text that the
	 * starter writes.
	 */
	static final ConsoleDialect H2 = new ConsoleDialect("""
			select date_trunc('MINUTE', created_at) as minute_start, count(*) as events
			from _events where created_at >= :since
			group by date_trunc('MINUTE', created_at) order by 1""",
			"cast(session_variables as varchar(100000)) like :userLike escape '!'", true);

	static final ConsoleDialect MARIADB = new ConsoleDialect("""
			select cast(date_format(created_at, '%Y-%m-%d %H:%i:00') as datetime) as minute_start, count(*) as events
			from _events where created_at >= :since
			group by cast(date_format(created_at, '%Y-%m-%d %H:%i:00') as datetime) order by 1""",
			"json_unquote(json_extract(session_variables, '$.userId')) = :user", false);

}
