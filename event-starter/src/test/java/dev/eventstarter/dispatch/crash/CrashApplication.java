package dev.eventstarter.dispatch.crash;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import dev.eventstarter.store.RelayedEventsListener;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application {@code CrashTests} runs in a child JVM and kills: it writes entity
 * changes when asked to, and a durable subscriber records every event it gets in
 * {@code crash_deliveries}, a little slowly, so that the kill lands in the middle of
 * dispatch.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = CrashItem.class)
public class CrashApplication {

	public static void main(String[] args) {
		SpringApplication.run(CrashApplication.class, args);
	}

	@Bean
	ApplicationRunner writer(@Value("${crash.write:0}") int items, TransactionTemplate tx, EntityManager em,
			JdbcClient jdbc) {
		jdbc.sql("create table if not exists crash_deliveries (event_id uuid not null)").update();
		return (args) -> {
			Thread writer = new Thread(() -> {
				for (int first = 0; first < items; first += 100) {
					int from = first;
					tx.executeWithoutResult((status) -> {
						for (int id = from; id < Math.min(from + 100, items); id++) {
							em.persist(new CrashItem(id, "item " + id));
						}
					});
				}
			}, "crash-writer");
			writer.start();
		};
	}

	/**
	 * Holds the WAL relay back after each batch it relays, so that committed transactions
	 * wait in the slot when the process is killed.
	 */
	@Bean
	@ConditionalOnProperty("crash.relay-pause")
	RelayedEventsListener slowRelay(@Value("${crash.relay-pause}") long pauseMillis) {
		return (count) -> {
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	@Bean
	Recorder recorder(JdbcClient jdbc) {
		return new Recorder(jdbc);
	}

	static class Recorder {

		private final JdbcClient jdbc;

		Recorder(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@OnEvent("crash_items.*")
		void record(Event event) throws InterruptedException {
			this.jdbc.sql("insert into crash_deliveries (event_id) values (?)").param(event.eventId()).update();
			Thread.sleep(2);
		}

	}

}
