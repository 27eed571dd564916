package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.eventstarter.test.TestMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settled horizon on MariaDB, against a real server with real concurrent
 * transactions; time is a clock the test moves, so the margin is exact.
 */
@ExtendWith(OutputCaptureExtension.class)
class MariaDbVisibilityHorizonTests {

	private static final Duration HELD_BACK_WARNING = Duration.ofSeconds(30);

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(TestMariaDb.url("events_horizon"),
			TestMariaDb.username(), TestMariaDb.password());

	private final MovingClock clock = new MovingClock();

	private MariaDbVisibilityHorizon horizon;

	@BeforeEach
	void freshTable() throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists _event_deliveries, _event_leases, _audit_log, _events");
		}
		new ResourceDatabasePopulator(new ClassPathResource("db/event-starter/mariadb/V1__event_starter_tables.sql"))
			.execute(this.dataSource);
		this.horizon = new MariaDbVisibilityHorizon(this.dataSource, HELD_BACK_WARNING, this.clock);
	}

	@Test
	void anUncommittedRowHoldsBackItsIdAndLaterOnesButNotEarlierOnes(CapturedOutput output) throws Exception {
		long first = insertCommitted();
		start();
		try (Connection early = transaction(); Connection late = transaction()) {
			long before = insertCommitted();
			long earlyId = insert(early);
			long lateId = insert(late);
			late.commit();
			for (int poll = 0; poll < 20; poll++) {
				assertThat(this.horizon.settled()).as("the early row is not committed").isEqualTo(before);
				this.clock.move(Duration.ofMillis(50));
			}
			assertThat(this.horizon.isSettling()).isTrue();
			early.commit();
			assertThat(this.horizon.settled()).isEqualTo(lateId);
			assertThat(first).isLessThan(before);
			assertThat(earlyId).isLessThan(lateId);
		}
		assertThat(this.horizon.settled()).as("nothing new").isEqualTo(this.horizon.lastAllocated());
		assertThat(this.horizon.isSettling()).isFalse();
		assertThat(output).as("waiting is not an error of the driver").doesNotContain("Lock wait timeout", "1205");
	}

	@Test
	void idsWithoutGapsSettleAtOnce() throws Exception {
		start();
		long last = 0;
		for (int event = 0; event < 5; event++) {
			last = insertCommitted();
		}
		assertThat(this.horizon.settled()).as("no margin: no id is missing").isEqualTo(last);
	}

	@Test
	void aRolledBackIdIsPassedOnceTheMarginHasGoneBy() throws Exception {
		start();
		long before = this.horizon.settled();
		try (Connection rolledBack = transaction()) {
			insert(rolledBack);
			rolledBack.rollback();
		}
		long after = insertCommitted();
		assertThat(this.horizon.settled()).as("its row might still be entering the index").isEqualTo(before);
		this.clock.move(MariaDbVisibilityHorizon.MARGIN);
		assertThat(this.horizon.settled()).isEqualTo(after);
	}

	@Test
	void theFirstHorizonDoesNotReadTheDispatchedHistory() throws Exception {
		for (int event = 0; event < 5; event++) {
			insertCommitted();
		}
		long last = insertCommitted();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("update _events set dispatched_at = utc_timestamp(6)");
		}
		try (Connection purge = transaction(); Statement statement = purge.createStatement()) {
			// a retention purge of old rows, still running: their locks hold nothing back
			statement.executeUpdate("delete from _events where id <= 2");
			assertThat(this.horizon.settled()).isEqualTo(-1);
			this.clock.move(MariaDbVisibilityHorizon.MARGIN);
			assertThat(this.horizon.settled()).isEqualTo(last);
			purge.rollback();
		}
	}

	@Test
	void theFirstHorizonStopsBelowAnUncommittedRow() throws Exception {
		long committed = insertCommitted();
		try (Connection open = transaction()) {
			long uncommitted = insert(open);
			insertCommitted();
			this.horizon.settled();
			this.clock.move(MariaDbVisibilityHorizon.MARGIN);
			assertThat(this.horizon.settled()).isEqualTo(committed);
			assertThat(uncommitted).isEqualTo(committed + 1);
			open.rollback();
		}
	}

	@Test
	void aLongWaitNamesTheTransactionsThatMayHoldTheIds() throws Exception {
		this.horizon = new MariaDbVisibilityHorizon(this.dataSource, Duration.ofSeconds(1), this.clock);
		start();
		try (Connection open = transaction()) {
			long uncommitted = insert(open);
			long later = insertCommitted();
			this.horizon.settled();
			assertThat(this.horizon.heldBack()).isNull();
			// the report lists the transactions that began before the wait did, by the
			// server's clock: the wait began a second ago by the horizon's
			Thread.sleep(1000);
			this.clock.move(Duration.ofSeconds(1));
			this.horizon.settled();
			HeldBack heldBack = this.horizon.heldBack();
			assertThat(heldBack).isNotNull();
			assertThat(heldBack.firstWaitingId()).isEqualTo(uncommitted);
			assertThat(heldBack.lastAllocatedId()).isEqualTo(later);
			assertThat(heldBack.blockers()).extracting(HeldBack.Blocker::pid).contains(connectionId(open));
			open.commit();
			assertThat(this.horizon.settled()).isEqualTo(later);
			assertThat(this.horizon.heldBack()).isNull();
		}
	}

	// establishes the first horizon
	private void start() {
		this.horizon.settled();
		this.clock.move(MariaDbVisibilityHorizon.MARGIN);
		this.horizon.settled();
	}

	private Connection transaction() throws Exception {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		return connection;
	}

	private long insertCommitted() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			return insert(connection);
		}
	}

	private static long insert(Connection connection) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into _events (event_id, event_type, created_at, available_at, data, transaction_id)
				values (uuid(), 'h.x', utc_timestamp(6), utc_timestamp(6), '{}', uuid())""",
				Statement.RETURN_GENERATED_KEYS)) {
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

	private static int connectionId(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select connection_id()")) {
			rs.next();
			return rs.getInt(1);
		}
	}

	private static final class MovingClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void move(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
