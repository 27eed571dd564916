package dev.eventstarter.dispatch.instances;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventstarter.test.TcpProxy;
import dev.eventstarter.test.TestDatabase;
import dev.eventstarter.test.DispatchState;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away in the middle of dispatch: a TCP proxy between the application
 * and the database (PostgreSQL, MariaDB) cuts every connection for several seconds, then
 * lets them through again. Nothing is lost, the dispatcher resumes by itself, and the log
 * says so once.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

	private static final int EVENTS = 20_000;

	// with their rows in PostgreSQL's work list, as the write path inserts them
	private static final String INSERT_EVENTS_POSTGRESQL = """
			with event as (
			  insert into _events (event_id, event_type, created_at, available_at, data, transaction_id)
			  select gen_random_uuid(), 'load.item', now(), now(), to_jsonb(n), gen_random_uuid()
			  from generate_series(1, %d) n
			  returning id, priority, available_at, created_at)
			insert into _event_queue (id, priority, available_at, created_at)
			select id, priority, available_at, created_at from event""".formatted(EVENTS);

	// seq_1_to_<n> is MariaDB's sequence engine; times are UTC, as the starter writes
	// them
	private static final String INSERT_EVENTS_MARIADB = """
			insert into _events (event_id, event_type, created_at, available_at, data, transaction_id)
			select uuid(), 'load.item', utc_timestamp(6), utc_timestamp(6), seq, uuid()
			from seq_1_to_%d""".formatted(EVENTS);

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void dispatchPausesDuringAnOutageAndResumesWithNothingLost(TestDatabase database, CapturedOutput output)
			throws Exception {
		String url = database.url("events_outage");
		DriverManagerDataSource direct = new DriverManagerDataSource(url, database.username(), database.password());
		new ResourceDatabasePopulator(database.schemaScripts()).execute(direct);
		JdbcClient jdbc = JdbcClient.create(direct);
		String insertEvents = switch (database) {
			case POSTGRESQL, POSTGRESQL_WAL -> INSERT_EVENTS_POSTGRESQL;
			case MARIADB -> INSERT_EVENTS_MARIADB;
		};
		jdbc.sql(insertEvents).update();
		InstanceApplication.deliveries.clear();
		URI target = URI.create(url.substring("jdbc:".length()));
		try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
				ConfigurableApplicationContext instance = InstanceApplication.start("outage", database,
						url.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port()),
						"--spring.datasource.hikari.connection-timeout=1000",
						"--spring.datasource.hikari.validation-timeout=500", "--events.jdbc.initialize-schema=never",
						"--events.dispatch.batch-size=200", "--events.dispatch.lease=5s",
						"--spring.jpa.hibernate.ddl-auto=none", "--logging.level.dev.eventstarter=info")) {
			await().atMost(Duration.ofSeconds(30)).until(() -> InstanceApplication.deliveries.size() > 2000);
			proxy.cut();
			int atCut = InstanceApplication.deliveries.size();
			Thread.sleep(3000);
			int duringOutage = InstanceApplication.deliveries.size() - atCut;
			long restored = System.nanoTime();
			proxy.restore();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> InstanceApplication.deliveries.size() > atCut + duringOutage);
			long recoveryMillis = Duration.ofNanos(System.nanoTime() - restored).toMillis();
			// the claims of the round the outage broke are given back; only a claim whose
			// answer the cut lost waits for its lease, 5 s here
			await().atMost(Duration.ofSeconds(20)).until(() -> DispatchState.undispatched(direct) == 0);
			long drainedMillis = Duration.ofNanos(System.nanoTime() - restored).toMillis();
			int delivered = InstanceApplication.deliveries.values().stream().mapToInt(AtomicInteger::get).sum();
			int lost = EVENTS - InstanceApplication.deliveries.size();
			System.out.printf(
					"database outage: %s, %d events, %d lost, %d duplicates, cut after %d deliveries for 3 s, "
							+ "first delivery %d ms and the last %d ms after the database came back%n",
					database, EVENTS, lost, delivered - InstanceApplication.deliveries.size(), atCut, recoveryMillis,
					drainedMillis);
			assertThat(lost).isZero();
			assertThat(recoveryMillis).as("resumed within the poll interval plus the backoff cap").isLessThan(12_000);
			assertThat(output.toString().split("Event dispatch paused", -1)).as("one warning, not one per poll")
				.hasSize(2);
			assertThat(output).contains("Event dispatch resumed after");
		}
	}

}
