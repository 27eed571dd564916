package dev.eventstarter.autoconfigure;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventQuery;
import dev.eventstarter.EventStore;
import dev.eventstarter.test.DispatchState;
import dev.eventstarter.test.TestMariaDb;
import dev.eventstarter.test.TestPostgres;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code events.jdbc.initialize-schema}: {@code embedded} (default), {@code always} and
 * {@code never}, on PostgreSQL and H2, and the startup failure when the tables are
 * missing.
 */
class EventsSchemaInitializationTests {

	private static final List<String> EVENT_COLUMNS = List.of("id", "event_id", "event_type", "resource_name",
			"resource_id", "created_at", "available_at", "dispatched_at", "priority", "tenant", "source", "data",
			"session_variables", "trace_context", "transaction_id", "metadata", "erased_at");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class));

	@Test
	void embeddedDatabaseGetsItsTablesByDefault() {
		this.runner.withPropertyValues(h2()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(columns(context,
					"SELECT lower(column_name) FROM information_schema.columns "
							+ "WHERE lower(table_name) = '_events' ORDER BY ordinal_position"))
				.isEqualTo(EVENT_COLUMNS);
		});
	}

	@Test
	void theScriptLocationOfRelease010StillRunsTheMigrations() {
		this.runner.withPropertyValues(h2())
			.withPropertyValues("events.jdbc.schema=classpath:dev/eventstarter/store/schema-@@platform@@.sql")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(columns(context,
						"SELECT lower(column_name) FROM information_schema.columns "
								+ "WHERE lower(table_name) = '_events' ORDER BY ordinal_position"))
					.isEqualTo(EVENT_COLUMNS);
			});
	}

	@Test
	void embeddedDatabaseWithInitializationNeverFailsNamingTheH2Script() {
		this.runner.withPropertyValues(h2())
			.withPropertyValues("events.jdbc.initialize-schema=never")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining(
						"Apply event-starter's migrations up to V3__dispatch_queue.sql from classpath:db/event-starter/h2 "
								+ "(inside the event-starter jar)")
					.hasStackTraceContaining("Or set events.jdbc.initialize-schema=always to let the application run "
							+ "them at startup.");
			});
	}

	@Test
	void postgresIsNotInitializedByDefaultAndStartupSaysWhichScriptToRun() {
		this.runner.withPropertyValues(TestPostgres.propertyValues("events_schema_missing")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("The event table _events is missing or older than this version")
				.hasStackTraceContaining("up to V3__dispatch_queue.sql from classpath:db/event-starter/postgresql");
		});
	}

	@Test
	void postgresWithInitializationAlwaysGetsExactlyTheDocumentedTableAndItsIndexes() {
		ApplicationContextRunner postgres = this.runner
			.withPropertyValues(TestPostgres.propertyValues("events_schema_always"))
			.withPropertyValues("events.jdbc.initialize-schema=always");
		postgres.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(columns(context, """
					SELECT column_name || ' ' || data_type FROM information_schema.columns
					WHERE table_schema = current_schema() AND table_name = '_events' ORDER BY ordinal_position"""))
				.containsExactly("id bigint", "event_id uuid", "event_type character varying",
						"resource_name character varying", "resource_id character varying",
						"created_at timestamp with time zone", "available_at timestamp with time zone",
						"dispatched_at timestamp with time zone", "priority smallint", "tenant character varying",
						"source character varying", "data jsonb", "session_variables jsonb", "trace_context jsonb",
						"transaction_id uuid", "metadata jsonb", "erased_at timestamp with time zone");
			assertThat(columns(context,
					"SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"))
				.containsExactly("_audit_log_event_id_key", "_audit_log_occurred_at_idx", "_audit_log_pkey",
						"_audit_log_resource_idx", "_audit_log_user_idx", "_event_deliveries_dead_idx",
						"_event_deliveries_due_idx", "_event_deliveries_event_subscriber_key",
						"_event_deliveries_ordering_idx", "_event_deliveries_pkey", "_event_dispatches_event_ids_idx",
						"_event_dispatches_pkey", "_event_leases_pkey", "_event_queue_idx", "_events_created_at_idx",
						"_events_event_id_key", "_events_pkey", "_events_resource_idx", "_events_type_idx",
						"_events_undispatched_idx");
			assertThat(columns(context, """
					SELECT pg_get_expr(indpred, indrelid) FROM pg_index
					WHERE indexrelid = to_regclass('_events_undispatched_idx')"""))
				.as("version 1's index of undispatched events, kept for its name, indexes nothing")
				.containsExactly("false");
			assertThat(columns(context, """
					SELECT column_name || ' ' || data_type FROM information_schema.columns
					WHERE table_schema = current_schema() AND table_name = '_audit_log' ORDER BY ordinal_position"""))
				.containsExactly("id bigint", "event_id uuid", "occurred_at timestamp with time zone",
						"event_type character varying", "action character varying", "resource_name character varying",
						"resource_id character varying", "tenant character varying", "user_id character varying",
						"role character varying", "ip character varying", "user_agent character varying",
						"changed_fields jsonb", "trace_id character varying", "erased_at timestamp with time zone");
			UUID kept = context.getBean(EventBus.class).emit("kept.across.restarts", 1);
			assertThat(context.getBean(EventStore.class).markDispatched(kept)).isTrue();
		});
		postgres.run((context) -> {
			assertThat(context).as("the scripts run again without error").hasNotFailed();
			assertThat(count(context)).isOne();
			assertThat(DispatchState.undispatched(context.getBean(DataSource.class)))
				.as("running version 3 again queues no dispatched event")
				.isZero();
			assertThat(context.getBean(EventStore.class)
				.query(EventQuery.builder().eventType("kept.across.restarts").build())
				.get(0)
				.dispatchedAt()).isNotNull();
		});
		this.runner.withPropertyValues(TestPostgres.propertyValues("events_schema_always"))
			.withPropertyValues("events.jdbc.initialize-schema=never")
			.run((context) -> assertThat(context).as("tables exist, nothing to create").hasNotFailed());
	}

	@Test
	void mariaDbIsNotInitializedByDefaultAndStartupSaysWhichScriptToRun() {
		this.runner.withPropertyValues(TestMariaDb.propertyValues("events_schema_missing")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("The event table _events is missing or older than this version")
				.hasStackTraceContaining("up to V3__dispatch_queue.sql from classpath:db/event-starter/mariadb");
		});
	}

	@Test
	void mariaDbWithInitializationAlwaysGetsTheDocumentedColumnsAndIndexes() {
		ApplicationContextRunner mariaDb = this.runner
			.withPropertyValues(TestMariaDb.propertyValues("events_schema_always"))
			.withPropertyValues("events.jdbc.initialize-schema=always");
		mariaDb.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(columns(context, """
					SELECT concat(column_name, ' ', column_type) FROM information_schema.columns
					WHERE table_schema = database() AND table_name = '_events' ORDER BY ordinal_position"""))
				.containsExactly("id bigint(20)", "event_id char(36)", "event_type varchar(255)",
						"resource_name varchar(255)", "resource_id varchar(255)", "created_at datetime(6)",
						"available_at datetime(6)", "dispatched_at datetime(6)", "priority smallint(6)",
						"tenant varchar(255)", "source varchar(255)", "data longtext", "session_variables longtext",
						"trace_context longtext", "transaction_id char(36)", "metadata longtext",
						"erased_at datetime(6)");
			assertThat(columns(context, """
					SELECT DISTINCT index_name FROM information_schema.statistics
					WHERE table_schema = database() AND table_name = '_events' ORDER BY index_name""")).containsExactly(
					"PRIMARY", "_events_created_at_idx", "_events_event_id_key", "_events_resource_idx",
					"_events_type_idx", "_events_undispatched_idx");
			assertThat(columns(context, """
					SELECT table_name FROM information_schema.tables
					WHERE table_schema = database() ORDER BY table_name""")).containsExactlyInAnyOrder("_audit_log",
					"_event_deliveries", "_event_leases", "_events");
			context.getBean(EventBus.class).emit("kept.across.restarts", 1);
		});
		mariaDb.run((context) -> {
			assertThat(context).as("the scripts run again without error").hasNotFailed();
			assertThat(count(context)).isOne();
		});
	}

	private static String[] h2() {
		return new String[] { "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() };
	}

	private static List<String> columns(AssertableApplicationContext context, String sql) {
		return JdbcClient.create(context.getBean(DataSource.class)).sql(sql).query(String.class).list();
	}

	private static int count(AssertableApplicationContext context) {
		return JdbcClient.create(context.getBean(DataSource.class))
			.sql("select count(*) from _events")
			.query(Integer.class)
			.single();
	}

}
