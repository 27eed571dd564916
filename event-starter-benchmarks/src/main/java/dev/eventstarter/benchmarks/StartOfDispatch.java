package dev.eventstarter.benchmarks;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the {@link Usage} just before the dispatcher starts on the backlog, which it does
 * while the application starts: a lifecycle of an earlier phase.
 */
class StartOfDispatch implements SmartLifecycle {

	private final BenchDatabase database;

	private final JdbcClient jdbc;

	private volatile Usage usage;

	private volatile ThreadCpu threads;

	private volatile long brokerTicks;

	StartOfDispatch(BenchDatabase database, JdbcClient jdbc) {
		this.database = database;
		this.jdbc = jdbc;
	}

	Usage usage() {
		return this.usage;
	}

	ThreadCpu threads() {
		return this.threads;
	}

	long brokerTicks() {
		return this.brokerTicks;
	}

	@Override
	public void start() {
		this.brokerTicks = Externalization.brokerTicks();
		this.threads = ThreadCpu.now();
		this.usage = Usage.now(this.database, this.jdbc);
	}

	@Override
	public void stop() {
	}

	@Override
	public boolean isRunning() {
		return this.usage != null;
	}

	@Override
	public int getPhase() {
		return 0;
	}

}
