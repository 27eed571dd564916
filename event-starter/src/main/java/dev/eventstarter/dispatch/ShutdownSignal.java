package dev.eventstarter.dispatch;

import java.util.function.BooleanSupplier;

/**
 * Whether the dispatcher is stopping: handlers are no longer started, waits end, and long
 * deletions stop early.
 */
final class ShutdownSignal implements BooleanSupplier {

	private volatile boolean stopping;

	@Override
	public boolean getAsBoolean() {
		return this.stopping;
	}

	void stopping(boolean stopping) {
		this.stopping = stopping;
	}

}
