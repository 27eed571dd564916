package dev.eventstarter.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settled horizon on MariaDB and MySQL (InnoDB). {@code AUTO_INCREMENT} values are
 * handed out at insert, not at commit, and InnoDB lists no table lock per transaction by
 * default, so the horizon asks the rows themselves: it takes the highest committed id,
 * then, once {@link #MARGIN} has passed, reads every row above the last settled id up to
 * it with {@code FOR UPDATE NOWAIT}. A row inserted by a transaction that has not ended
 * is locked and fails the read; when it succeeds, every id up to the candidate is
 * committed or gone. Only rows of {@code _events} are read, so transactions that do not
 * write it hold nothing back.
 *
 * <p>
 * The margin covers the moment between a writer drawing its id and its row entering the
 * index: an id below the candidate was drawn before the candidate's row was committed, so
 * a writer stalled for longer than the margin in between could still commit below the
 * horizon. The read runs in {@code READ COMMITTED}, so that it takes no gap locks and
 * never blocks a writer's insert; an acknowledgement updating the same rows at that
 * moment only makes it try again.
 */
public final class MariaDbVisibilityHorizon implements VisibilityHorizon {

	static final Duration MARGIN = Duration.ofMillis(100);

	// NOWAIT finding a locked row: MariaDB says "lock wait timeout", MySQL has a code of
	// its own
	private static final Set<Integer> LOCKED = Set.of(1205, 3572);

	private static final String LAST_COMMITTED_ID = """
			select coalesce(max(id), 0) from _events""";

	private static final String LOCK_UNSETTLED = """
			select id from _events where id > :settled and id <= :candidate for update nowait""";

	// who may hold the ids, for the report: transactions that changed rows and began
	// before
	// the wait did; InnoDB does not tell which table a transaction wrote
	private static final String WRITERS = """
			select t.trx_mysql_thread_id as pid, concat(p.user, '@', p.host) as application_name,
			       coalesce(p.state, p.command) as state,
			       timestampdiff(microsecond, t.trx_started, now(6)) as age_micros
			from information_schema.innodb_trx t
			left join information_schema.processlist p on p.id = t.trx_mysql_thread_id
			where t.trx_rows_modified > 0 and t.trx_mysql_thread_id <> connection_id()
			  and timestampdiff(microsecond, t.trx_started, now(6)) >= :waitedMicros
			order by t.trx_started""";

	private final JdbcClient jdbc;

	private final TransactionTemplate readCommitted;

	private final Clock clock;

	private final HeldBackWatch heldBack;

	private long candidate = -1;

	private Instant candidateAt = Instant.EPOCH;

	private long settled = -1;

	/**
	 * Create a horizon.
	 * @param jdbc reads the rows
	 * @param transactionManager runs the locking read in a transaction of its own
	 * @param heldBackWarning how long it may wait for the same rows before they are
	 * reported
	 * @param clock the clock of the margin and of that wait
	 */
	public MariaDbVisibilityHorizon(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			Duration heldBackWarning, Clock clock) {
		this.jdbc = jdbc;
		this.readCommitted = new TransactionTemplate(transactionManager);
		this.readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.readCommitted.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.heldBack = new HeldBackWatch(heldBackWarning, clock);
	}

	@Override
	public synchronized long settled() {
		Instant now = this.clock.instant();
		if (this.candidate < 0) {
			nextCandidate(now);
			return this.settled;
		}
		if (now.isBefore(this.candidateAt.plus(MARGIN))) {
			return this.settled;
		}
		if (unsettledRowsLocked()) {
			long waitingFor = this.candidate;
			Instant since = this.candidateAt.plus(MARGIN);
			this.heldBack.waiting(since, () -> describe(since, waitingFor));
			return this.settled;
		}
		this.settled = this.candidate;
		this.candidate = -1;
		this.heldBack.settled();
		nextCandidate(now);
		return this.settled;
	}

	private void nextCandidate(Instant now) {
		long lastId = lastAllocated();
		if (lastId > this.settled) {
			this.candidate = lastId;
			this.candidateAt = now;
		}
	}

	private boolean unsettledRowsLocked() {
		try {
			this.readCommitted.executeWithoutResult((status) -> this.jdbc.sql(LOCK_UNSETTLED)
				.param("settled", Math.max(this.settled, 0))
				.param("candidate", this.candidate)
				.query(Long.class)
				.list());
			return false;
		}
		catch (PessimisticLockingFailureException ex) {
			return true;
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause() instanceof SQLException sql && LOCKED.contains(sql.getErrorCode())) {
				return true;
			}
			throw ex;
		}
	}

	private HeldBack describe(Instant since, long waitingFor) {
		long waitedMicros = Duration.between(since, this.clock.instant()).toNanos() / 1000;
		List<HeldBack.Blocker> blockers = this.jdbc.sql(WRITERS)
			.param("waitedMicros", waitedMicros)
			.query((rs, row) -> {
				Instant now = this.clock.instant();
				return new HeldBack.Blocker(rs.getInt("pid"), rs.getString("application_name"), rs.getString("state"),
						now.minusNanos(rs.getLong("age_micros") * 1000));
			})
			.list();
		return new HeldBack(since, this.settled + 1, waitingFor, blockers);
	}

	@Override
	public synchronized boolean isSettling() {
		return this.candidate >= 0;
	}

	@Override
	public @Nullable HeldBack heldBack() {
		return this.heldBack.current();
	}

	@Override
	public long lastAllocated() {
		Long last = this.jdbc.sql(LAST_COMMITTED_ID).query(Long.class).single();
		return (last != null) ? last : 0;
	}

}
