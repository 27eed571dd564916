package dev.eventstarter.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads durable handlers run on: the tasks of a round go to a few workers, the
 * claims are renewed while they take long, and a shutdown waits for them only until its
 * grace period ends.
 */
final class DeliveryWorkers {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final int concurrency;

	private final Duration lease;

	private final Duration shutdownGracePeriod;

	private final BooleanSupplier stopping;

	private volatile @Nullable ThreadPoolTaskExecutor executor;

	DeliveryWorkers(int concurrency, Duration lease, Duration shutdownGracePeriod, BooleanSupplier stopping) {
		this.concurrency = concurrency;
		this.lease = lease;
		this.shutdownGracePeriod = shutdownGracePeriod;
		this.stopping = stopping;
	}

	void start() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(this.concurrency);
		executor.setMaxPoolSize(this.concurrency);
		executor.setThreadNamePrefix("events-delivery-");
		executor.setDaemon(true);
		executor.initialize();
		this.executor = executor;
	}

	void stop() {
		ThreadPoolTaskExecutor executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdown();
		}
	}

	/**
	 * Run the tasks of a round: in the calling thread, unless in the background, where
	 * even a single delivery runs on a worker, so that a slow handler cannot keep the
	 * dispatcher from renewing the claims.
	 * @param tasks the tasks
	 * @param background whether the dispatcher's own thread calls
	 * @param renewClaims extends the claims of the round
	 * @param meanwhile what the calling thread does while the workers deliver, if
	 * anything
	 */
	void run(List<Runnable> tasks, boolean background, Runnable renewClaims, @Nullable Runnable meanwhile) {
		ThreadPoolTaskExecutor executor = this.executor;
		if (!background || executor == null || tasks.isEmpty()) {
			tasks.forEach(Runnable::run);
			if (meanwhile != null) {
				meanwhile.run();
			}
			return;
		}
		// a few workers take the tasks from a queue: a hand-off per worker, not per
		// delivery
		Queue<Runnable> queue = new ConcurrentLinkedQueue<>(tasks);
		Runnable worker = () -> {
			Runnable task;
			while ((task = queue.poll()) != null) {
				task.run();
			}
		};
		CompletableFuture<?>[] futures = new CompletableFuture<?>[Math.min(tasks.size(), this.concurrency)];
		for (int i = 0; i < futures.length; i++) {
			futures[i] = CompletableFuture.runAsync(worker, executor);
		}
		if (meanwhile != null) {
			meanwhile.run();
		}
		awaitAll(CompletableFuture.allOf(futures), renewClaims);
	}

	private void awaitAll(CompletableFuture<Void> all, Runnable renewClaims) {
		long renewEvery = Math.max(1, this.lease.toMillis() / 3);
		long lastRenewal = System.nanoTime();
		Long graceEnds = null;
		while (true) {
			try {
				all.get(Math.min(renewEvery, 100), TimeUnit.MILLISECONDS);
				return;
			}
			catch (TimeoutException ex) {
				if (this.stopping.getAsBoolean()) {
					graceEnds = (graceEnds != null) ? graceEnds
							: System.nanoTime() + this.shutdownGracePeriod.toNanos();
					if (System.nanoTime() > graceEnds) {
						logger.warn("Event handlers still running after the shutdown grace period of "
								+ this.shutdownGracePeriod + "; their events will be delivered again");
						return;
					}
				}
				if (System.nanoTime() - lastRenewal > TimeUnit.MILLISECONDS.toNanos(renewEvery)) {
					renewClaims.run();
					lastRenewal = System.nanoTime();
				}
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("An event handler task failed", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
