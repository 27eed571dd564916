package dev.eventstarter.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.eventstarter.ErasureResult;
import dev.eventstarter.EventErasure;
import dev.eventstarter.erasure.ErasureRows.EventData;
import dev.eventstarter.erasure.ErasureRows.SessionVariables;
import dev.eventstarter.store.EventJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link EventErasure} over JDBC: pages of at most {@code batchSize} rows by ascending
 * id, each read, checked and rewritten in a transaction of its own, so that no lock is
 * held for longer than one page takes. Nothing else rewrites an event's {@code data} or
 * session variables, so reading a page before writing it needs no row locks. Events are
 * erased before audit rows: an audit row written meanwhile from an event read before its
 * erasure is still found by the audit pass that follows.
 */
final class JdbcEventErasure implements EventErasure {

	private static final Log logger = LogFactory.getLog(JdbcEventErasure.class);

	private final ErasureRows rows;

	private final ErasedForm form;

	private final EventJson json;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batchSize;

	JdbcEventErasure(ErasureRows rows, ErasedForm form, EventJson json, TransactionTemplate transactions, Clock clock,
			int batchSize) {
		this.rows = rows;
		this.form = form;
		this.json = json;
		this.transactions = transactions;
		this.clock = clock;
		this.batchSize = batchSize;
	}

	@Override
	public ErasureResult eraseResource(String resourceName, Object resourceId) {
		Assert.isTrue(StringUtils.hasText(resourceName),
				"resourceName must not be blank: give the resource name of the events, such as \"posts\"");
		Assert.notNull(resourceId,
				"resourceId must not be null: give the id of the resource, such as 42 or \"42\", as in its events");
		String id = this.json.resourceId(resourceId);
		Instant now = this.clock.instant();
		int erased = 0;
		Page page = new Page(0, 0, 0);
		do {
			long afterId = page.lastId();
			page = inTransaction(() -> eraseResourcePage(resourceName, id, afterId, now));
			erased += page.erased();
		}
		while (page.size() == this.batchSize);
		// its audit rows hold no values of the resource, only who changed which fields:
		// they
		// are marked, so that the audit log says the changes' values are gone
		int auditRows = 0;
		do {
			page = inTransaction(() -> markAuditPage(resourceName, id, now));
			auditRows += page.erased();
		}
		while (page.size() == this.batchSize);
		logger.info("Erased the values of resource " + resourceName + "/" + id + " from " + erased
				+ " events and marked " + auditRows + " audit rows erased");
		return new ErasureResult(erased, auditRows);
	}

	private Page markAuditPage(String resourceName, String resourceId, Instant now) {
		List<Long> ids = this.rows.unmarkedAuditRows(resourceName, resourceId, this.batchSize);
		int marked = ids.isEmpty() ? 0 : this.rows.markAuditRows(ids, now);
		return new Page(ids.size(), 0, marked);
	}

	private Page eraseResourcePage(String resourceName, String resourceId, long afterId, Instant now) {
		List<EventData> events = this.rows.resourceEvents(resourceName, resourceId, afterId, this.batchSize);
		List<EventData> changed = new ArrayList<>();
		for (EventData event : events) {
			String erased = this.form.data(event.eventType(), event.resourceName(), event.data());
			if (event.erasedAt() == null || this.form.differs(event.data(), erased)) {
				changed.add(event.withData(erased));
			}
		}
		if (!changed.isEmpty()) {
			this.rows.eraseData(changed, now);
		}
		return new Page(events.size(), events.isEmpty() ? afterId : events.get(events.size() - 1).id(), changed.size());
	}

	@Override
	public ErasureResult eraseUser(String userId) {
		Assert.isTrue(StringUtils.hasText(userId),
				"userId must not be blank: give the user id as the events' session variables hold it, such as \"alice\"");
		Instant now = this.clock.instant();
		int events = 0;
		Page page = new Page(0, 0, 0);
		do {
			long afterId = page.lastId();
			page = inTransaction(() -> eraseUserEventsPage(userId, afterId, now));
			events += page.erased();
		}
		while (page.size() == this.batchSize);
		int auditRows = 0;
		do {
			page = inTransaction(() -> eraseAuditPage(userId, now));
			auditRows += page.erased();
		}
		while (page.size() == this.batchSize);
		// the user id is what was erased: the log line must not bring it back
		logger.info("Erased a user's session variables from " + events + " events and " + auditRows + " audit rows");
		return new ErasureResult(events, auditRows);
	}

	private Page eraseUserEventsPage(String userId, long afterId, Instant now) {
		List<SessionVariables> candidates = this.rows.userEventCandidates(userId, afterId, this.batchSize);
		List<Long> ids = candidates.stream()
			.filter((candidate) -> this.form.isOf(candidate.json(), userId))
			.map(SessionVariables::id)
			.toList();
		int erased = ids.isEmpty() ? 0 : this.rows.dropSessionVariables(ids, now);
		return new Page(candidates.size(), candidates.isEmpty() ? afterId : candidates.get(candidates.size() - 1).id(),
				erased);
	}

	private Page eraseAuditPage(String userId, Instant now) {
		List<Long> ids = this.rows.auditRows(userId, this.batchSize);
		int erased = ids.isEmpty() ? 0 : this.rows.eraseAuditRows(ids, userId, now);
		return new Page(ids.size(), 0, erased);
	}

	private Page inTransaction(Supplier<Page> work) {
		Page page = this.transactions.execute((status) -> work.get());
		Assert.state(page != null, "No page");
		return page;
	}

	/**
	 * One page's outcome.
	 *
	 * @param size how many rows it read
	 * @param lastId the id of the last of them, where the next page starts
	 * @param erased how many it rewrote
	 */
	private record Page(int size, long lastId, int erased) {

	}

}
