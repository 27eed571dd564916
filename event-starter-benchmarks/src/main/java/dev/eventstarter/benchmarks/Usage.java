package dev.eventstarter.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the JVM and the database spent between two points: CPU of each, and the database's
 * commits, rows and log bytes, read where its {@link BenchDatabase} says.
 */
record Usage(BenchDatabase database, long nanos, long jvmCpuNanos, long databaseTicks, long commits, long rows,
		long updated, long logBytes) {

	static Usage now(BenchDatabase database, JdbcClient jdbc) {
		BenchDatabase.Counters counters = database.counters(jdbc);
		return new Usage(database, System.nanoTime(), readJvmCpuNanos(), database.cpuTicks(), counters.commits(),
				counters.rows(), counters.updated(), counters.logBytes());
	}

	/**
	 * Read once what came before is published: the start of a measurement.
	 */
	static Usage afterQuiet(BenchDatabase database, JdbcClient jdbc, HikariDataSource pool) {
		database.publishCounters(pool);
		return now(database, jdbc);
	}

	/**
	 * Wait until the database's counters include what was done, then read: the time and
	 * CPU of now, the counters of a little later.
	 */
	static Usage settled(BenchDatabase database, JdbcClient jdbc, HikariDataSource pool) {
		Usage usage = now(database, jdbc);
		database.publishCounters(pool);
		Usage later = now(database, jdbc);
		// the time and CPU are those of the end, the counters those published since
		return new Usage(database, usage.nanos, usage.jvmCpuNanos, usage.databaseTicks, later.commits, later.rows,
				later.updated, later.logBytes);
	}

	Map<String, Object> since(Usage start, long transactions) {
		Map<String, Object> figures = new LinkedHashMap<>();
		double seconds = (this.nanos - start.nanos) / 1e9;
		figures.put("seconds", round(seconds));
		figures.put("txPerSecond", round(transactions / seconds));
		figures.put("jvmCpuUsPerTx", round((this.jvmCpuNanos - start.jvmCpuNanos) / 1e3 / transactions));
		figures.put(this.database.cpuFigure(),
				round((this.databaseTicks - start.databaseTicks) * 1e6 / ServerCpu.TICKS_PER_SECOND / transactions));
		figures.put("commitsPerTx", precise((double) (this.commits - start.commits) / transactions));
		figures.put("rowsPerTx", precise((double) (this.rows - start.rows) / transactions));
		figures.put("updatedPerTx", precise((double) (this.updated - start.updated) / transactions));
		figures.put(this.database.logFigure(), round((double) (this.logBytes - start.logBytes) / transactions));
		return figures;
	}

	private static long readJvmCpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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
