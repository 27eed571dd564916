package dev.eventstarter.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.autoconfigure.upgradeapp.UpgradeApplication;
import dev.eventstarter.web.SseClient;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The event tables under Flyway and Liquibase: an empty database migrated by each, and
 * the tables and rows of release 0.1.0 (a frozen fixture) upgraded by each, then read and
 * delivered by this version. Written once, run on every database.
 */
abstract class MigrationContractTests {

	private static final UUID POST_CREATED = UUID.fromString("11111111-1111-4111-8111-000000000001");

	private static final UUID POST_RENAMED = UUID.fromString("11111111-1111-4111-8111-000000000002");

	private static final UUID ORDER_PLACED = UUID.fromString("11111111-1111-4111-8111-000000000003");

	private static final UUID POST_PUBLISHED = UUID.fromString("11111111-1111-4111-8111-000000000004");

	private static final UUID INVOICE_CREATED = UUID.fromString("11111111-1111-4111-8111-000000000005");

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * A JDBC URL of a fresh, empty database or schema.
	 * @param name its name
	 * @return the URL
	 */
	abstract String url(String name);

	abstract String username();

	abstract String password();

	/**
	 * The database's folder, as Spring Boot's {@code {vendor}} names it.
	 * @return the vendor
	 */
	abstract String vendor();

	@Test
	void flywayCreatesTheTablesOfAnEmptyDatabase() throws Exception {
		emptyDatabaseMigratedBy(Tool.FLYWAY);
	}

	@Test
	void liquibaseCreatesTheTablesOfAnEmptyDatabase() throws Exception {
		emptyDatabaseMigratedBy(Tool.LIQUIBASE);
	}

	@Test
	void flywayUpgradesTheTablesAndRowsOfRelease010() throws Exception {
		release010UpgradedBy(Tool.FLYWAY);
	}

	@Test
	void liquibaseUpgradesTheTablesAndRowsOfRelease010() throws Exception {
		release010UpgradedBy(Tool.LIQUIBASE);
	}

	@Test
	void tablesOfRelease010WithoutAMigrationToolFailStartupNamingTheMigration() {
		String url = release010("migration_outdated");
		assertThatException().isThrownBy(() -> start(url, Tool.NONE).close())
			.withStackTraceContaining("The event table _events is missing or older than this version of event-starter")
			.withStackTraceContaining(
					"Apply event-starter's migrations up to V3__dispatch_queue.sql from classpath:db/event-starter/"
							+ vendor());
	}

	private void emptyDatabaseMigratedBy(Tool tool) throws Exception {
		try (ConfigurableApplicationContext context = start(url("migration_" + tool.name().toLowerCase() + "_empty"),
				tool)) {
			assertMigratedBy(tool, context);
			UpgradeApplication application = context.getBean(UpgradeApplication.class);
			UUID paid = context.getBean(EventBus.class).emit("invoices.paid", Map.of("invoice", 9));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(application.received()).extracting(Event::eventId).containsExactly(paid));
		}
	}

	private void release010UpgradedBy(Tool tool) throws Exception {
		String url = release010("migration_" + tool.name().toLowerCase() + "_upgrade");
		// an application upgrading has its own Flyway history already; this one starts it
		// over
		// the fixture's tables
		try (ConfigurableApplicationContext context = start(url, tool, "--spring.flyway.baseline-on-migrate=true",
				"--spring.flyway.baseline-version=0")) {
			assertMigratedBy(tool, context);
			EventStore store = context.getBean(EventStore.class);
			UpgradeApplication application = context.getBean(UpgradeApplication.class);

			// every old event reads as it was written
			Event created = store.findByEventId(POST_CREATED).orElseThrow();
			assertThat(created.eventType()).isEqualTo("posts.created");
			assertThat(created.resourceName()).isEqualTo("posts");
			assertThat(created.resourceId()).isEqualTo("1");
			assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123456Z"));
			assertThat(created.dispatchedAt()).isEqualTo(Instant.parse("2026-11-30T10:00:01Z"));
			assertThat(created.oldState()).isNull();
			assertThat(created.newState()).containsEntry("title", "Hello").containsEntry("status", "DRAFT");
			assertThat(created.changes().added()).containsExactly("id", "title", "status");
			assertThat(created.sessionVariables().userId()).isEqualTo("alice");
			assertThat(created.sessionVariables().userAgent()).isEqualTo("curl/8.5");
			assertThat(created.traceContext().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(created.source()).isEqualTo("blog");
			assertThat(created.priority()).isEqualTo(5);
			assertThat(created.transactionId()).isEqualTo(UUID.fromString("22222222-2222-4222-8222-000000000001"));
			Event placed = store.findByEventId(ORDER_PLACED).orElseThrow();
			assertThat(placed.resourceName()).isNull();
			assertThat(placed.payload(Map.class)).containsEntry("orderId", "A-7");
			assertThat(store.history("posts", 1)).extracting(Event::eventId)
				.containsExactly(POST_CREATED, POST_RENAMED, POST_PUBLISHED);
			assertThat(store.stateAt("posts", 1, Instant.parse("2026-11-30T10:06:00Z")).orElseThrow())
				.containsEntry("title", "Hello again")
				.containsEntry("status", "DRAFT");

			// the undispatched ones are delivered, once, and new events follow the old
			// ids
			UUID paid = context.getBean(EventBus.class).emit("invoices.paid", Map.of("invoice", 9));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(application.received()).extracting(Event::eventId)
					.containsExactlyInAnyOrder(POST_PUBLISHED, INVOICE_CREATED, paid));
			long paidId = store.findByEventId(paid).orElseThrow().id();
			long invoiceId = store.findByEventId(INVOICE_CREATED).orElseThrow().id();
			assertThat(paidId).isGreaterThan(invoiceId);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(store.findByEventId(INVOICE_CREATED).orElseThrow().dispatchedAt())
					.isNotNull());

			// the actuator shows the old dead delivery and its error
			String port = context.getEnvironment().getRequiredProperty("local.server.port");
			HttpResponse<String> dead = this.http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/events/dead")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(dead.statusCode()).isEqualTo(200);
			assertThat(dead.body()).contains("\"total\":1", "\"eventId\":\"" + POST_RENAMED + "\"",
					"\"subscriber\":\"old-mirror\"", "IllegalStateException: mirror refused");

			// an SSE client that saw the second old event resumes with the rest
			long renamedId = store.findByEventId(POST_RENAMED).orElseThrow().id();
			try (SseClient stream = SseClient.connect(this.http, "http://localhost:" + port + "/events/stream",
					"Last-Event-ID", Long.toString(renamedId))) {
				List<String> ids = new ArrayList<>();
				stream.next(4, Duration.ofSeconds(10)).forEach((frame) -> ids.add(frame.id()));
				assertThat(ids).containsExactly(Long.toString(store.findByEventId(ORDER_PLACED).orElseThrow().id()),
						Long.toString(store.findByEventId(POST_PUBLISHED).orElseThrow().id()), Long.toString(invoiceId),
						Long.toString(paidId));
			}
		}
	}

	private void assertMigratedBy(Tool tool, ConfigurableApplicationContext context) {
		JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
		assertThat(jdbc.sql("select count(*) from app_notes").query(Long.class).single())
			.as("the application's own migration ran too")
			.isZero();
		if (tool == Tool.FLYWAY) {
			assertThat(applied(context, "flyway_event_starter_history")).containsExactly("1", "2", "3");
			assertThat(applied(context, "flyway_schema_history")).as("the application's versions are its own")
				.containsExactly("1");
		}
		else {
			assertThat(
					jdbc.sql("select id from DATABASECHANGELOG where author = 'event-starter' order by orderexecuted")
						.query(String.class)
						.list())
				.containsExactly("event-starter-1-" + vendor(), "event-starter-2-" + vendor(),
						"event-starter-3-" + vendor());
		}
	}

	private static List<String> applied(ConfigurableApplicationContext context, String table) {
		return Arrays.stream(
				Flyway.configure().dataSource(context.getBean(DataSource.class)).table(table).load().info().applied())
			.filter((migration) -> !migration.getType().isSynthetic() && migration.getState().isApplied())
			.map((migration) -> migration.getVersion().toString())
			.toList();
	}

	private String release010(String name) {
		String url = url(name);
		DataSource dataSource = new DriverManagerDataSource(url, username(), password());
		new ResourceDatabasePopulator(new ClassPathResource("upgrade/0.1.0/" + vendor() + ".sql")).execute(dataSource);
		return url;
	}

	private ConfigurableApplicationContext start(String url, Tool tool, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + username(), "--spring.datasource.password=" + password(),
				"--server.port=0", "--events.jdbc.initialize-schema=never", "--events.dispatch.enabled=true",
				"--events.dispatch.poll-interval=50ms", "--events.sse.enabled=true",
				"--management.endpoints.web.exposure.include=events", "--spring.main.banner-mode=off",
				"--logging.level.root=warn"));
		arguments.addAll(tool.arguments);
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(UpgradeApplication.class).web(WebApplicationType.SERVLET)
			.run(arguments.toArray(String[]::new));
	}

	private enum Tool {

		FLYWAY("--spring.flyway.enabled=true", "--spring.flyway.locations=classpath:db/upgradeapp/migration"),

		LIQUIBASE("--spring.liquibase.enabled=true",
				"--spring.liquibase.change-log=classpath:db/upgradeapp/changelog.xml"),

		NONE;

		private final List<String> arguments;

		Tool(String... arguments) {
			this.arguments = List.of(arguments);
		}

	}

}
