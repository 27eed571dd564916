package dev.eventstarter;

/**
 * Erases what the event record holds about a subject, for requests such as the GDPR's
 * right to erasure: the values, never the skeleton. Event ids, types, times, resource
 * names and ids and the names of the changed attributes remain, so the history still
 * shows that something changed, when and by which transaction; each erased event is
 * marked with {@link Event#erasedAt()}.
 *
 * <p>
 * Rows are rewritten in small batches, each in its own short transaction, so erasing a
 * subject with many events never holds long locks; do not call it inside a transaction of
 * your own. Calling it again is harmless: it finds nothing left to erase but marks
 * nothing twice. Events not dispatched yet are delivered later in their erased form;
 * copies already delivered (to subscribers, webhooks, brokers, SSE clients, logs) and
 * backups are out of its reach.
 */
public interface EventErasure {

	/**
	 * Erase the values one resource's events hold. CRUD events keep the attribute names
	 * of their {@code old} and {@code new} states but every value becomes {@code null},
	 * and keep their {@code changes}; the payload of a custom event about the resource
	 * becomes {@code null}. Audit rows hold no values and are left as they are.
	 * @param resourceName the resource name, such as {@code posts}
	 * @param resourceId the resource id, given as to {@link EventStore#history}: the
	 * entity identifier or the string {@link Event#resourceId()} shows
	 * @return how many events were erased now
	 * @throws IllegalArgumentException if the resource name is blank or the id null
	 */
	ErasureResult eraseResource(String resourceName, Object resourceId);

	/**
	 * Erase what the record holds about a user: the session variables of every event
	 * whose {@code userId} is the given one become {@code null}, and that user's audit
	 * rows lose their user id, role, IP address and user agent. The events' data stays:
	 * erase the resources that describe the user with {@link #eraseResource}.
	 * @param userId the user id, as {@link SessionVariables#userId()} shows it
	 * @return how many events and audit rows were erased now
	 * @throws IllegalArgumentException if the user id is blank
	 */
	ErasureResult eraseUser(String userId);

}
