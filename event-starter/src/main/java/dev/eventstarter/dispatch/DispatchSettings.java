package dev.eventstarter.dispatch;

import java.time.Duration;

/**
 * How the dispatcher works.
 *
 * @param background whether a background thread dispatches; {@code drain()} works either
 * way
 * @param pollInterval how long the dispatcher waits for a commit signal before looking
 * for work again
 * @param batchSize most events or retries claimed at once
 * @param lease how long a claim lasts before another dispatcher may take the work over
 * @param concurrency how many handlers run at once
 * @param shutdownGracePeriod how long running handlers may finish at shutdown
 */
record DispatchSettings(boolean background, Duration pollInterval, int batchSize, Duration lease, int concurrency,
		Duration shutdownGracePeriod) {

}
