package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.util.Assert;

/**
 * The settled horizon on MariaDB and MySQL (InnoDB). {@code AUTO_INCREMENT} values are
 * handed out at insert, not at commit, and InnoDB does not list which transactions hold
 * rows of a table, so the horizon reads the ids themselves, without locks: it walks the
 * committed ids above the last settled one, up to the highest committed id it saw (the
 * candidate), and settles each id it finds. At a gap it asks, in
 * {@code READ UNCOMMITTED}, whether rows of a transaction that has not ended are there:
 * if so it waits for them, and only for them; if not, the missing ids were rolled back,
 * or their rows have not entered the index yet, and the horizon passes them once
 * {@link #MARGIN} has gone by since it saw the candidate.
 *
 * <p>
 * The margin covers the moment between a writer drawing its id and its row entering the
 * index: every id below the candidate was drawn before the candidate's row was committed,
 * so a writer stalled longer than the margin in between could still commit below the
 * horizon. Ids without gaps settle at once. The horizon starts below the first
 * undispatched row (a writer's row is undispatched until it is delivered), so that it
 * never reads the dispatched history.
 */
public final class MariaDbVisibilityHorizon implements VisibilityHorizon, InitializingBean {

	static final Duration MARGIN = Duration.ofMillis(100);

	// ids read per statement, and statements per call, so that one call stays short
	// while a backlog is walked
	private static final int PAGE = 1000;

	private static final int PAGES_PER_CALL = 10;

	private static final String LAST_COMMITTED_ID = """
			select coalesce(max(id), 0) from _events""";

	// read uncommitted, where a writer's row is seen before it commits
	private static final String FIRST_UNDISPATCHED_OR_LAST = """
			select coalesce(min(id) - 1, (select coalesce(max(id), 0) from _events))
			from _events where dispatched_at is null""";

	private static final String COMMITTED_IDS = """
			select id from _events where id > :after and id <= :upTo order by id limit :page""";

	// read uncommitted
	private static final String ANY_ID_IN = """
			select id from _events where id > ? and id < ? limit 1""";

	// who may hold the ids, for the report: transactions that changed rows and began
	// before the wait did; InnoDB does not tell which table a transaction wrote
	private static final String WRITERS = """
			select t.trx_mysql_thread_id as pid, concat(p.user, '@', p.host) as application_name,
			       coalesce(p.state, p.command) as state,
			       timestampdiff(microsecond, t.trx_started, now(6)) as age_micros
			from information_schema.innodb_trx t
			left join information_schema.processlist p on p.id = t.trx_mysql_thread_id
			where t.trx_rows_modified > 0 and t.trx_mysql_thread_id <> connection_id()
			  and timestampdiff(microsecond, t.trx_started, now(6)) >= :waitedMicros
			order by t.trx_started""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final HeldBackWatch heldBack;

	private long settled = -1;

	// the first start, below which every row was dispatched, and when it was read
	private long start = -1;

	private Instant startAt = Instant.EPOCH;

	private long candidate = -1;

	private Instant candidateAt = Instant.EPOCH;

	private @Nullable Instant waitingSince;

	/**
	 * Create a horizon.
	 * @param dataSource the database; the horizon reads on connections of its own, never
	 * in a caller's transaction, whose snapshot could be old
	 * @param heldBackWarning how long it may wait for the same rows before they are
	 * reported
	 * @param clock the clock of the margin and of that wait
	 */
	public MariaDbVisibilityHorizon(DataSource dataSource, Duration heldBackWarning, Clock clock) {
		// a DataSource of its own identity: Spring binds no transaction resource to it
		this.jdbcTemplate = new JdbcTemplate(new DelegatingDataSource(dataSource));
		this.jdbc = JdbcClient.create(this.jdbcTemplate);
		this.clock = clock;
		this.heldBack = new HeldBackWatch(heldBackWarning, clock);
	}

	/**
	 * Refuse connections that read uncommitted rows: the walk's reads run in the
	 * connections' own isolation, and must see committed rows only.
	 */
	@Override
	public void afterPropertiesSet() {
		Integer isolation = this.jdbcTemplate
			.execute((ConnectionCallback<Integer>) (connection) -> connection.getTransactionIsolation());
		Assert.state(isolation == null || isolation != Connection.TRANSACTION_READ_UNCOMMITTED,
				"The DataSource's connections default to READ UNCOMMITTED, where event-starter cannot tell committed "
						+ "events from uncommitted ones; configure READ COMMITTED or REPEATABLE READ (for example "
						+ "spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED)");
	}

	@Override
	public synchronized long settled() {
		Instant now = this.clock.instant();
		if (this.settled < 0 && !start(now)) {
			return this.settled;
		}
		long before = this.settled;
		for (int page = 0; page < PAGES_PER_CALL; page++) {
			if (this.candidate <= this.settled) {
				this.candidate = lastAllocated();
				this.candidateAt = now;
				if (this.candidate <= this.settled) {
					break;
				}
			}
			if (!walk(now)) {
				break;
			}
		}
		if (this.settled != before) {
			this.waitingSince = null;
			this.heldBack.settled();
		}
		Instant since = this.waitingSince;
		if (since != null) {
			long waitingFor = this.candidate;
			this.heldBack.waiting(since, () -> describe(since, waitingFor));
		}
		return this.settled;
	}

	// the first id to walk from: below the first undispatched row, read twice a margin
	// apart, so that a row whose id was drawn before the first read is seen by the second
	private boolean start(Instant now) {
		if (this.start < 0) {
			this.start = readUncommitted(FIRST_UNDISPATCHED_OR_LAST, -1, -1);
			this.startAt = now;
			return false;
		}
		if (now.isBefore(this.startAt.plus(MARGIN))) {
			return false;
		}
		this.settled = Math.min(this.start, readUncommitted(FIRST_UNDISPATCHED_OR_LAST, -1, -1));
		return true;
	}

	/**
	 * Settle committed ids up to the candidate, one page of them.
	 * @return whether to go on with the next page
	 */
	private boolean walk(Instant now) {
		List<Long> ids = this.jdbc.sql(COMMITTED_IDS)
			.param("after", this.settled)
			.param("upTo", this.candidate)
			.param("page", PAGE)
			.query((rs, row) -> rs.getLong(1))
			.list();
		for (long id : ids) {
			if (id != this.settled + 1 && !passGap(id, now)) {
				return false;
			}
			this.settled = id;
		}
		if (ids.size() == PAGE) {
			return true;
		}
		// the candidate itself is gone, deleted since it was read
		return this.settled == this.candidate || passGap(this.candidate + 1, now);
	}

	// the ids between the settled one and the next committed one are missing: pass them
	// unless a transaction that has not ended holds one of them, or the margin still runs
	private boolean passGap(long next, Instant now) {
		if (readUncommitted(ANY_ID_IN, this.settled, next) >= 0) {
			if (this.waitingSince == null) {
				this.waitingSince = now;
			}
			return false;
		}
		if (now.isBefore(this.candidateAt.plus(MARGIN))) {
			return false;
		}
		this.settled = next - 1;
		return true;
	}

	private long readUncommitted(String sql, long after, long before) {
		Long id = this.jdbcTemplate.execute((ConnectionCallback<Long>) (connection) -> {
			int isolation = connection.getTransactionIsolation();
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				if (after >= 0) {
					statement.setLong(1, after);
					statement.setLong(2, before);
				}
				try (ResultSet rs = statement.executeQuery()) {
					return rs.next() ? rs.getLong(1) : -1L;
				}
			}
			finally {
				connection.setTransactionIsolation(isolation);
			}
		});
		return (id != null) ? id : -1;
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
		return this.settled < 0 || this.candidate > this.settled;
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
