package dev.eventstarter.store;

import java.util.ArrayList;
import java.util.List;

import dev.eventstarter.test.EventsAutoConfigurations;
import dev.eventstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup of the WAL store mode on a server or with settings that cannot carry it: each
 * fails naming what to change, before anything could be written.
 */
class PostgresWalStartupTests {

	private static final String SCHEMA = "wal_startup_test";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("events.store.mode=wal", "events.dispatch.enabled=false",
				"events.jdbc.initialize-schema=always");

	@Test
	void aUserWithoutTheReplicationAttributeIsToldWhatToGrant() {
		JdbcClient admin = admin();
		admin.sql("drop role if exists events_no_replication").update();
		admin.sql("create role events_no_replication login nosuperuser noreplication password 'events'").update();
		admin.sql("grant all on schema " + SCHEMA + " to events_no_replication").update();
		try {
			assertStartupFails(
					List.of("spring.datasource.url=" + TestPostgres.url(SCHEMA),
							"spring.datasource.username=events_no_replication", "spring.datasource.password=events"),
					"the database user has no REPLICATION attribute. Run ALTER ROLE <user> WITH REPLICATION");
		}
		finally {
			admin.sql("drop owned by events_no_replication").update();
			admin.sql("drop role events_no_replication").update();
		}
	}

	/**
	 * The server's {@code wal_level} needs a restart to change, so this test shadows
	 * {@code current_setting} with a function that reports {@code replica} for it, in a
	 * schema searched before {@code pg_catalog}: what the check reads is what a server
	 * left at the default would answer.
	 */
	@Test
	void aServerWithoutLogicalDecodingIsToldWhatToSet() {
		String schema = "wal_replica_test";
		TestPostgres.url(schema);
		admin()
			.sql("""
					create or replace function %s.current_setting(name text) returns text language sql as $$
					  select case when name = 'wal_level' then 'replica' else pg_catalog.current_setting(name) end $$"""
				.formatted(schema))
			.update();
		String url = TestPostgres.url(schema)
			.replace("currentSchema=" + schema, "currentSchema=" + schema + ",pg_catalog");
		assertStartupFails(database(url),
				"events.store.mode=wal needs PostgreSQL's wal_level=logical, but it is replica. Set wal_level = logical "
						+ "in postgresql.conf");
	}

	@Test
	void aSlotNameThatIsNoIdentifierIsRefused() {
		assertStartupFails(with(database(TestPostgres.url(SCHEMA)), "events.store.wal.slot=Event-Starter"),
				"events.store.wal.slot 'Event-Starter' is not a valid slot name: use 1 to 63 lower-case letters, "
						+ "digits and underscores");
	}

	@Test
	void aSlotOfAnotherPluginIsNotTakenOver() {
		JdbcClient admin = admin();
		admin.sql("select pg_create_logical_replication_slot('events_foreign_slot', 'test_decoding')")
			.query(String.class)
			.list();
		try {
			assertStartupFails(with(database(TestPostgres.url(SCHEMA)), "events.store.wal.slot=events_foreign_slot"),
					"events.store.wal.slot 'events_foreign_slot' uses the plugin test_decoding, not pgoutput. "
							+ "Choose another name with events.store.wal.slot.");
		}
		finally {
			admin.sql("select pg_drop_replication_slot('events_foreign_slot')").query(String.class).list();
		}
	}

	private void assertStartupFails(List<String> properties, String message) {
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = context.getStartupFailure();
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			assertThat(cause).hasMessageContaining(message);
		});
	}

	private static List<String> database(String url) {
		return List.of("spring.datasource.url=" + url, "spring.datasource.username=" + TestPostgres.username(),
				"spring.datasource.password=" + TestPostgres.password());
	}

	private static List<String> with(List<String> properties, String property) {
		List<String> all = new ArrayList<>(properties);
		all.add(property);
		return all;
	}

	private static JdbcClient admin() {
		return JdbcClient.create(new DriverManagerDataSource(TestPostgres.url(SCHEMA), TestPostgres.username(),
				TestPostgres.password()));
	}

}
