package dev.eventstarter.dispatch.shutdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.TestDatabase;
import dev.eventstarter.test.DispatchState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown lets the running handler finish, starts no other, and leaves what it did not
 * start to the next dispatcher: nothing lost, nothing delivered twice, on PostgreSQL and
 * on MariaDB.
 */
class GracefulShutdownTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void shutdownFinishesTheRunningHandlerAndReleasesTheRest(TestDatabase database) throws Exception {
		shutdownFinishesTheRunningHandlerAndReleasesTheRest(database, 500);
	}

	/**
	 * With rounds of one event each round is full, so the dispatcher claims the next
	 * while the slow handler runs: shutdown gives that claim back too.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource
	void shutdownReleasesTheClaimMadeForTheNextRound(TestDatabase database) throws Exception {
		shutdownFinishesTheRunningHandlerAndReleasesTheRest(database, 1);
	}

	private void shutdownFinishesTheRunningHandlerAndReleasesTheRest(TestDatabase database, int batchSize)
			throws Exception {
		String url = database.url("events_shutdown");
		SlowApplication.delivered.clear();
		SlowApplication.firstStarted = new CountDownLatch(1);
		SlowApplication.closing = new CountDownLatch(1);
		List<UUID> emitted = new ArrayList<>();
		ConfigurableApplicationContext first = start(database, url, batchSize);
		EventBus bus = first.getBean(EventBus.class);
		new TransactionTemplate(first.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			for (int i = 0; i < 5; i++) {
				emitted.add(bus.emit("slow.work", i));
			}
		});
		assertThat(SlowApplication.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
		first.close();
		assertThat(SlowApplication.delivered).as("the running handler finished").hasSize(1);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, database.username(), database.password());
		JdbcClient jdbc = JdbcClient.create(dataSource);
		assertThat(DispatchState.undispatched(dataSource)).isEqualTo(4);
		assertThat(jdbc.sql("select count(*) from _event_leases").query(Integer.class).single())
			.as("released, not left to a lease")
			.isZero();

		try (ConfigurableApplicationContext second = start(database, url, batchSize)) {
			EventBus secondBus = second.getBean(EventBus.class);
			for (UUID eventId : emitted) {
				assertThat(secondBus.awaitDelivery(eventId, Duration.ofSeconds(10))).isTrue();
			}
		}
		assertThat(SlowApplication.delivered).containsExactlyInAnyOrderElementsOf(emitted);
	}

	private static ConfigurableApplicationContext start(TestDatabase database, String url, int batchSize) {
		List<String> arguments = new ArrayList<>(
				List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + database.username(),
						"--spring.datasource.password=" + database.password(), "--events.jdbc.initialize-schema=always",
						"--events.dispatch.enabled=true", "--events.dispatch.concurrency=1",
						"--events.dispatch.batch-size=" + batchSize, "--events.dispatch.shutdown-grace-period=5s",
						"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		arguments.addAll(database.arguments());
		return new SpringApplicationBuilder(SlowApplication.class).web(WebApplicationType.NONE)
			.run(arguments.toArray(String[]::new));
	}

}
