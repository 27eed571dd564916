package dev.eventstarter.erasure;

/**
 * The statements of erasure that differ by database: how a user's events are found and
 * how JSON is written. Each is a candidate filter only; the rows it finds are checked
 * again in Java before anything is rewritten.
 *
 * @param selectUserEvents the events after {@code :afterId} whose session variables may
 * name {@code :userId}, at most {@code :limit}, by ascending id
 * @param eraseData sets the {@code data} (first parameter, JSON text) and marks the event
 * erased (second, the time) of the event whose id is the third
 */
record ErasureStatements(String selectUserEvents, String eraseData) {

	static final ErasureStatements POSTGRESQL = new ErasureStatements("""
			select id, session_variables from _events
			where id > :afterId and session_variables ->> 'userId' = :userId
			order by id
			limit :limit""", """
			update _events set data = cast(? as jsonb), erased_at = coalesce(erased_at, ?) where id = ?""");

	// H2 has no JSON path operator: every event with session variables is a candidate
	static final ErasureStatements H2 = new ErasureStatements("""
			select id, session_variables from _events
			where id > :afterId and session_variables is not null
			order by id
			limit :limit""", """
			update _events set data = ? format json, erased_at = coalesce(erased_at, ?) where id = ?""");

	static final ErasureStatements MARIADB = new ErasureStatements("""
			select id, session_variables from _events
			where id > :afterId and json_unquote(json_extract(session_variables, '$.userId')) = :userId
			order by id
			limit :limit""", """
			update _events set data = ?, erased_at = coalesce(erased_at, ?) where id = ?""");

}
