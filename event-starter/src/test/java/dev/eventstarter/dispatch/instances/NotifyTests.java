package dev.eventstarter.dispatch.instances;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code events.dispatch.notify}, a commit on one instance wakes the dispatcher of
 * another at once, and the listening connection comes back after it breaks.
 */
class NotifyTests {

	@Test
	void commitOnOneInstanceWakesTheDispatcherOfAnotherAndSurvivesALostConnection() {
		// LISTEN/NOTIFY is PostgreSQL's
		TestDatabase postgres = TestDatabase.POSTGRESQL;
		String url = postgres.url("events_notify");
		// the dispatcher polls once a minute: only a notification delivers within seconds
		try (ConfigurableApplicationContext writer = InstanceApplication.start("writer", postgres, url,
				"--events.dispatch.notify=true", "--events.dispatch.enabled=false");
				ConfigurableApplicationContext dispatcher = InstanceApplication.start("dispatcher", postgres, url,
						"--events.dispatch.notify=true", "--events.dispatch.poll-interval=60s")) {
			EventBus bus = writer.getBean(EventBus.class);
			JdbcClient jdbc = JdbcClient.create(writer.getBean(DataSource.class));
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners(jdbc) == 1);
			UUID first = bus.emit("load.notified", 1);
			assertThat(bus.awaitDelivery(first, Duration.ofSeconds(10))).isTrue();

			jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen _events'")
				.query()
				.listOfRows();
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners(jdbc) == 1);
			UUID second = bus.emit("load.notified", 2);
			assertThat(bus.awaitDelivery(second, Duration.ofSeconds(10))).isTrue();
		}
	}

	private static int listeners(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from pg_stat_activity where query = 'listen _events'")
			.query(Integer.class)
			.single();
	}

}
