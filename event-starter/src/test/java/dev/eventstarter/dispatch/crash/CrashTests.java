package dev.eventstarter.dispatch.crash;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.eventstarter.test.TestDatabase;
import dev.eventstarter.test.DispatchState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application in a child JVM writes 10,000 entity changes while dispatching them, and
 * is killed with SIGKILL in the middle of dispatch. Started again, it delivers every
 * event at least once, on PostgreSQL and on MariaDB.
 */
class CrashTests {

	private static final int ITEMS = 10_000;

	// a PostgreSQL schema, a MariaDB database
	private static final String SCHEMA = "events_crash";

	private static final String TABLES = """
			select count(*) from information_schema.tables
			where table_schema = ? and table_name in ('_events', 'crash_deliveries')""";

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopProcesses() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void everyEventIsDeliveredAfterAKillInTheMiddleOfDispatch(TestDatabase database) throws Exception {
		String url = database.url(SCHEMA);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, database.username(), database.password());
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Process first = start(database, url, "--crash.write=" + ITEMS);
		// counting rows before the child created its tables would fail, and the MariaDB
		// driver logs every failure
		await().atMost(Duration.ofSeconds(60)).until(() -> tables(jdbc, database.schema(SCHEMA)) == 2);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> count(jdbc, "select count(*) from _events where event_type = 'crash_items.created'") == ITEMS
					&& count(jdbc, "select count(*) from crash_deliveries") >= 2000);
		first.destroyForcibly().waitFor();
		long deliveredBeforeKill = count(jdbc, "select count(distinct event_id) from crash_deliveries");
		assertThat(deliveredBeforeKill).as("killed in the middle of dispatch").isLessThan(ITEMS);

		long restarted = System.nanoTime();
		start(database, url);
		await().atMost(Duration.ofSeconds(90)).until(() -> DispatchState.undispatched(dataSource) == 0);
		long recoveryMillis = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
		long lost = count(jdbc, """
				select count(*) from _events e where e.event_type = 'crash_items.created'
				and not exists (select 1 from crash_deliveries d where d.event_id = e.event_id)""");
		long deliveries = count(jdbc, "select count(*) from crash_deliveries");
		long distinct = count(jdbc, "select count(distinct event_id) from crash_deliveries");
		System.out.printf(
				"crash: %s, %d events written, killed after %d delivered, %d lost, %d duplicates, "
						+ "all delivered %d ms after the restart began (JVM start included)%n",
				database, ITEMS, deliveredBeforeKill, lost, deliveries - distinct, recoveryMillis);
		assertThat(lost).isZero();
		assertThat(distinct).isEqualTo(ITEMS);
	}

	/**
	 * In the WAL store mode the child is also the relay: killed while it writes and
	 * relays, the transactions it committed but had not relayed are still in the slot,
	 * and the next start relays and delivers them.
	 */
	@Test
	void theRelayKilledWhileWritingLosesNoCommittedEvent() throws Exception {
		TestDatabase database = TestDatabase.POSTGRESQL_WAL;
		String url = database.url("events_relay_kill");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, database.username(), database.password());
		JdbcClient jdbc = JdbcClient.create(dataSource);
		// the relay takes one transaction at a time and pauses after each: committed
		// transactions pile up in the slot
		Process first = start(database, url, "--crash.write=" + (10 * ITEMS), "--crash.relay-pause=200",
				"--events.store.wal.batch-size=1");
		await().atMost(Duration.ofSeconds(60)).until(() -> tables(jdbc, database.schema("events_relay_kill")) == 2);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> count(jdbc, "select count(*) from crash_items") >= 2000);
		first.destroyForcibly().waitFor();
		long committed = count(jdbc, "select count(*) from crash_items");
		long relayedBeforeKill = count(jdbc, "select count(*) from _events");
		assertThat(committed).as("killed while writing").isLessThan(10L * ITEMS);
		assertThat(relayedBeforeKill).as("killed with committed events still in the slot").isLessThan(committed);

		start(database, url);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> count(jdbc, "select count(*) from _events") >= committed
					&& DispatchState.undispatched(dataSource) == 0);
		long lost = count(jdbc, """
				select count(*) from crash_items c where not exists (select 1 from _events e
				where e.event_type = 'crash_items.created' and e.resource_id = cast(c.id as text))""");
		long undelivered = count(jdbc, """
				select count(*) from _events e where not exists
				(select 1 from crash_deliveries d where d.event_id = e.event_id)""");
		System.out.printf(
				"relay killed: %d entity rows committed, %d events relayed before the kill, "
						+ "%d lost, %d undelivered after the restart%n",
				committed, relayedBeforeKill, lost, undelivered);
		assertThat(lost).isZero();
		assertThat(undelivered).isZero();
		assertThat(count(jdbc, "select count(*) from _events")).as("no event twice").isEqualTo(committed);
	}

	private Process start(TestDatabase database, String url, String... extra) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), CrashApplication.class.getName(),
						"--spring.datasource.url=" + url, "--spring.datasource.username=" + database.username(),
						"--spring.datasource.password=" + database.password(),
						"--spring.main.web-application-type=none", "--spring.main.keep-alive=true",
						"--spring.jpa.hibernate.ddl-auto=update", "--events.jdbc.initialize-schema=always",
						"--events.dispatch.enabled=true", "--events.dispatch.poll-interval=50ms",
						"--events.dispatch.lease=2s", "--spring.main.banner-mode=off", "--logging.level.root=warn"));
		command.addAll(database.arguments());
		command.addAll(List.of(extra));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(System.getProperty("java.io.tmpdir"),
					"events-crash-child-" + database.name().toLowerCase(Locale.ROOT) + "-" + this.processes.size()
							+ ".log"))
			.start();
		this.processes.add(process);
		return process;
	}

	private static long tables(JdbcClient jdbc, String schema) {
		return jdbc.sql(TABLES).param(schema).query(Long.class).single();
	}

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
