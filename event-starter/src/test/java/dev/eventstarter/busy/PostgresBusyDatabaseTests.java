package dev.eventstarter.busy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.eventstarter.test.PostgresTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * On PostgreSQL the stall happens inside the database: a deferred constraint trigger on
 * {@code _events} waits at commit for an advisory lock the test holds, as a slow trigger,
 * a lock at commit or a synchronous standby would.
 */
@Import(PostgresTestConfiguration.class)
@TestPropertySource(properties = "events.jdbc.initialize-schema=always")
class PostgresBusyDatabaseTests extends BusyDatabaseContractTests {

	private static final long LOCK = 4242;

	@Override
	Stall stall(Runnable write) throws Exception {
		Connection holder = this.dataSource.getConnection();
		try (Statement statement = holder.createStatement()) {
			statement.execute("""
					create or replace function busy_stall() returns trigger language plpgsql as $$
					begin
					  if new.data -> 'new' ->> 'note' = 'stall' then
					    perform pg_advisory_xact_lock(%d);
					  end if;
					  return null;
					end $$""".formatted(LOCK));
			statement.execute("drop trigger if exists busy_stall on _events");
			statement.execute("""
					create constraint trigger busy_stall after insert on _events
					deferrable initially deferred for each row execute function busy_stall()""");
			statement.execute("select pg_advisory_lock(" + LOCK + ")");
		}
		CompletableFuture<UUID> written = writeInBackground(write);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select count(*) from pg_locks where locktype = 'advisory' and objid = ? " + "and not granted")
				.param((int) LOCK)
				.query(Integer.class)
				.single() == 1);
		return new Stall() {

			private boolean released;

			@Override
			public UUID release() throws Exception {
				unlock();
				return written.get(10, TimeUnit.SECONDS);
			}

			private void unlock() throws Exception {
				if (!this.released) {
					this.released = true;
					try (Statement statement = holder.createStatement()) {
						statement.execute("select pg_advisory_unlock(" + LOCK + ")");
					}
				}
			}

			@Override
			public void close() throws Exception {
				unlock();
				written.handle((id, failure) -> id).get(10, TimeUnit.SECONDS);
				try (Statement statement = holder.createStatement()) {
					statement.execute("drop trigger if exists busy_stall on _events");
				}
				holder.close();
			}

		};
	}

	@Override
	String expectedBlocker() {
		return "backend pid ";
	}

	@Override
	String expectedApplicationName() {
		return "PostgreSQL JDBC Driver";
	}

}
