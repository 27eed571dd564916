package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSE horizon on H2: an id is settled only once every batch this JVM began before it
 * was read has completed, so an id that commits late is never skipped.
 */
class EmbeddedVisibilityHorizonTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void anIdHeldByABatchInFlightIsNotSettledUntilItCompletes() throws Exception {
		new ResourceDatabasePopulator(new ClassPathResource("db/event-starter/h2/V1__event_starter_tables.sql"))
			.execute(this.dataSource);
		InFlightWrites inFlight = new InFlightWrites(Clock.systemUTC());
		EmbeddedVisibilityHorizon horizon = new EmbeddedVisibilityHorizon(JdbcClient.create(this.dataSource), inFlight,
				Duration.ofSeconds(30), Clock.systemUTC());
		assertThat(horizon.settled()).isZero();
		try (Connection early = this.dataSource.getConnection(); Connection late = this.dataSource.getConnection()) {
			early.setAutoCommit(false);
			late.setAutoCommit(false);
			long earlyBatch = inFlight.begin();
			long earlyId = insert(early);
			long lateBatch = inFlight.begin();
			long lateId = insert(late);
			late.commit();
			inFlight.end(lateBatch);
			assertThat(horizon.settled()).as("the early batch is in flight").isZero();
			assertThat(horizon.isSettling()).isTrue();
			assertThat(horizon.settled()).isZero();
			early.commit();
			inFlight.end(earlyBatch);
			assertThat(horizon.settled()).isEqualTo(lateId);
			assertThat(earlyId).isLessThan(lateId);
			assertThat(horizon.settled()).as("nothing new").isEqualTo(lateId);
			assertThat(horizon.isSettling()).isFalse();
		}
	}

	private static long insert(Connection connection) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into _events (event_id, event_type, created_at, available_at, data, transaction_id)
				values (?, 'h.x', current_timestamp, current_timestamp, '{}' format json, ?)""",
				new String[] { "id" })) {
			insert.setObject(1, UUID.randomUUID());
			insert.setObject(2, UUID.randomUUID());
			insert.executeUpdate();
			try (var keys = insert.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

}
