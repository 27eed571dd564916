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

	StartOfDispatch(BenchDatabase database, JdbcClient jdbc) {
		this.database = database;
		this.jdbc = jdbc;
	}

	Usage usage() {
		return this.usage;
	}

	@Override
	public void start() {
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
