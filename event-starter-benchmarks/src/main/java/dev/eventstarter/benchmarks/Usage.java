package dev.eventstarter.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the JVM and PostgreSQL spent between two points: CPU of each, and the database's
 * commits, rows and WAL. PostgreSQL's CPU is read from {@code /proc} for every
 * {@code postgres} process, children the postmaster reaped included, so backends that
 * came and went are counted.
 */
record Usage(long nanos, long jvmCpuNanos, long postgresTicks, long commits, long rows, long walBytes) {

	private static final long TICKS_PER_SECOND = 100;

	private static final String DATABASE_COUNTERS = """
			select xact_commit, tup_inserted + tup_updated + tup_deleted as rows_written,
			       pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') as wal
			from pg_stat_database where datname = current_database()""";

	static Usage now(JdbcClient jdbc) {
		jdbc.sql("select pg_stat_clear_snapshot()").query().singleRow();
		return jdbc.sql(DATABASE_COUNTERS)
			.query((rs, rowNum) -> new Usage(System.nanoTime(), readJvmCpuNanos(), readPostgresTicks(), rs.getLong(1),
					rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/**
	 * Read once what came before is published: the start of a measurement.
	 */
	static Usage afterQuiet(JdbcClient jdbc, HikariDataSource pool) {
		publishCounters(pool);
		return now(jdbc);
	}

	/**
	 * Wait until the backends have published what they did, then read: the time and CPU
	 * of now, the counters of a little later.
	 */
	static Usage settled(JdbcClient jdbc, HikariDataSource pool) {
		Usage usage = now(jdbc);
		publishCounters(pool);
		Usage later = now(jdbc);
		// the time and CPU are those of the end, the counters those published since
		return new Usage(usage.nanos, usage.jvmCpuNanos, usage.postgresTicks, later.commits, later.rows,
				later.walBytes);
	}

	/**
	 * Backends publish their counters when idle, but at most once a second and later when
	 * busy; a backend that ends publishes them at once. So the pool's connections are
	 * replaced.
	 */
	private static void publishCounters(HikariDataSource pool) {
		pool.getHikariPoolMXBean().softEvictConnections();
		sleep(1500);
	}

	Map<String, Object> since(Usage start, long transactions) {
		Map<String, Object> figures = new LinkedHashMap<>();
		double seconds = (this.nanos - start.nanos) / 1e9;
		figures.put("seconds", round(seconds));
		figures.put("txPerSecond", round(transactions / seconds));
		figures.put("jvmCpuUsPerTx", round((this.jvmCpuNanos - start.jvmCpuNanos) / 1e3 / transactions));
		figures.put("pgCpuUsPerTx",
				round((this.postgresTicks - start.postgresTicks) * 1e6 / TICKS_PER_SECOND / transactions));
		figures.put("commitsPerTx", precise((double) (this.commits - start.commits) / transactions));
		figures.put("rowsPerTx", precise((double) (this.rows - start.rows) / transactions));
		figures.put("walBytesPerTx", round((double) (this.walBytes - start.walBytes) / transactions));
		return figures;
	}

	private static long readJvmCpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static long readPostgresTicks() {
		long ticks = 0;
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				ticks += readPostgresTicks(process.resolve("stat"));
			}
		}
		catch (IOException ex) {
			return -1; // not Linux: reported as unknown
		}
		return ticks;
	}

	private static long readPostgresTicks(Path stat) {
		try {
			String line = Files.readString(stat);
			if (!line.contains("(postgres)")) {
				return 0;
			}
			// after the command: state is field 3, utime, stime, cutime, cstime are 14 to
			// 17
			String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
					+ Long.parseLong(fields[14]);
		}
		catch (IOException | RuntimeException ex) {
			return 0; // the process ended meanwhile
		}
	}

	static double precise(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
