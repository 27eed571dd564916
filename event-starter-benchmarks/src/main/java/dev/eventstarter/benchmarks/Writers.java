package dev.eventstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writer threads, each running one transaction after another: as fast as they can, or
 * paced to a rate.
 */
final class Writers {

	private final TransactionTemplate transaction;

	private final int threads;

	Writers(TransactionTemplate transaction, int threads) {
		this.transaction = transaction;
		this.threads = threads;
	}

	/**
	 * Run {@code count} transactions as fast as the threads go.
	 * @param count how many transactions
	 * @param work what transaction {@code i} does
	 */
	void run(int count, IntConsumer work) {
		AtomicInteger next = new AtomicInteger();
		onThreads(() -> {
			int i;
			while ((i = next.getAndIncrement()) < count) {
				int index = i;
				this.transaction.executeWithoutResult((status) -> work.accept(index));
			}
		});
	}

	/**
	 * Run transactions at a steady rate for a while; a thread that falls behind catches
	 * up at once, so the rate is the one asked for unless the machine cannot keep it.
	 * @param perSecond the rate over all threads
	 * @param seconds how long
	 * @param work what transaction {@code i} does
	 * @return how many transactions ran
	 */
	int paced(int perSecond, int seconds, IntConsumer work) {
		int total = perSecond * seconds;
		long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long start = System.nanoTime();
		AtomicInteger next = new AtomicInteger();
		onThreads(() -> {
			int i;
			while ((i = next.getAndIncrement()) < total) {
				long due = start + i * interval;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				int index = i;
				this.transaction.executeWithoutResult((status) -> work.accept(index));
			}
		});
		return total;
	}

	private void onThreads(Runnable loop) {
		ExecutorService pool = Executors.newFixedThreadPool(this.threads);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < this.threads; t++) {
				running.add(pool.submit(loop));
			}
			for (Future<?> thread : running) {
				thread.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A writer failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
