package dev.eventstarter.dispatch.instances;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
		String url = TestPostgres.url("events_notify");
		// the dispatcher polls once a minute: only a notification delivers within seconds
		try (ConfigurableApplicationContext writer = start(url, "writer", "--events.dispatch.enabled=false");
				ConfigurableApplicationContext dispatcher = start(url, "dispatcher", "--events.dispatch.enabled=true",
						"--events.dispatch.poll-interval=60s")) {
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

	private static ConfigurableApplicationContext start(String url, String name, String... arguments) {
		String[] common = { "--instance.name=" + name, "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + TestPostgres.username(),
				"--spring.datasource.password=" + TestPostgres.password(), "--events.jdbc.initialize-schema=always",
				"--events.dispatch.notify=true", "--spring.main.banner-mode=off", "--logging.level.root=warn" };
		String[] all = new String[common.length + arguments.length];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(arguments, 0, all, common.length, arguments.length);
		return new SpringApplicationBuilder(InstanceApplication.class).web(WebApplicationType.NONE).run(all);
	}

}
