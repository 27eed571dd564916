package dev.eventstarter.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventstarter.EventBus;
import dev.eventstarter.benchmarks.Peers.PeerPublisher;
import dev.eventstarter.store.WalRelay;
import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workloads, one per JVM: {@code write}, {@code fill}, {@code drain} and
 * {@code latency}. Each returns its figures for the report.
 */
class Workloads {

	private static final String NOTE = "Deliver to the loading dock at the back of the building, "
			+ "ring twice and wait for the night shift";

	// fewer left the JIT compiling through the first measured phase: plain JPA's creates
	// showed twice the JVM CPU of its updates
	private static final int WARM_UP_TRANSACTIONS = 10_000;

	private static final int FILL_BATCH = 1_000;

	private final BenchDatabase database;

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final ObjectProvider<EventBus> eventBus;

	private final ObjectProvider<Arrivals> arrivals;

	private final Environment environment;

	private final HikariDataSource pool;

	private final ObjectProvider<StartOfDispatch> startOfDispatch;

	private final @Nullable WalRelay relay;

	private final @Nullable EventRowFloor floor;

	private final boolean pipelinedFloor;

	private final @Nullable PeerPublisher peer;

	private final @Nullable String countPending;

	Workloads(BenchDatabase database, EntityManager entityManager, TransactionTemplate transaction, JdbcClient jdbc,
			ObjectProvider<EventBus> eventBus, ObjectProvider<Arrivals> arrivals, Environment environment,
			HikariDataSource pool, ObjectProvider<StartOfDispatch> startOfDispatch, ObjectProvider<EventRowFloor> floor,
			ObjectProvider<PeerPublisher> peer, ObjectProvider<WalRelay> relay) {
		this.database = database;
		this.relay = relay.getIfAvailable();
		this.peer = peer.getIfAvailable();
		this.countPending = Peers.countPendingQuery(environment.getProperty("bench.variant", ""), this.database);
		this.floor = floor.getIfAvailable();
		this.pipelinedFloor = environment.getProperty("bench.variant", "").equals("floor-pipelined");
		this.pool = pool;
		this.startOfDispatch = startOfDispatch;
		this.entityManager = entityManager;
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.eventBus = eventBus;
		this.arrivals = arrivals;
		this.environment = environment;
	}

	Map<String, Object> run(String workload) {
		return switch (workload) {
			case "write" -> write();
			case "fill" -> fill();
			case "drain" -> drain();
			case "latency" -> latency();
			default -> throw new IllegalArgumentException(
					"bench.workload must be write, fill, drain or latency, but was '" + workload + "'");
		};
	}

	/**
	 * Insert {@code bench.transactions} orders, one per transaction, then change the
	 * status of each, one per transaction. With an {@link Arrivals} subscriber the
	 * dispatcher, or the variant's peer, delivers meanwhile; its cost is counted until
	 * the last event arrived, or until {@code bench.drain-seconds} passed.
	 */
	private Map<String, Object> write() {
		int count = intProperty("bench.transactions", 20_000);
		Writers writers = new Writers(this.transaction, intProperty("bench.writers", 4));
		Long[] warmUp = new Long[intProperty("bench.warm-up", WARM_UP_TRANSACTIONS)];
		writers.run(warmUp.length, (i) -> warmUp[i] = create());
		writers.run(warmUp.length, (i) -> changeStatus(warmUp[i]));
		Arrivals arrivals = this.arrivals.getIfAvailable();
		long warmUpEvents = 2L * warmUp.length;
		if (arrivals != null) {
			arrivals.await(warmUpEvents, Math.min(120, drainSeconds()));
		}
		Map<String, Object> result = new LinkedHashMap<>();
		Long[] ids = new Long[count];
		result.put("create", measure(writers, count, arrivals, warmUpEvents + count, (i) -> ids[i] = create()));
		result.put("update", measure(writers, count, arrivals, warmUpEvents + 2L * count, (i) -> changeStatus(ids[i])));
		return result;
	}

	private Map<String, Object> measure(Writers writers, int count, Arrivals arrivals, long arrivalsWhenDone,
			IntConsumer work) {
		Usage start = Usage.afterQuiet(this.database, this.jdbc, this.pool);
		ThreadCpu threadsAtStart = ThreadCpu.now();
		long started = System.nanoTime();
		writers.run(count, work);
		long written = System.nanoTime();
		Map<String, Object> backlog = (arrivals != null) ? drain(arrivals, arrivalsWhenDone) : Map.of();
		Map<String, Object> figures = Usage.settled(this.database, this.jdbc, this.pool).since(start, count);
		figures.put("threadCpuUsPerTx", ThreadCpu.now().since(threadsAtStart, count));
		figures.put("txPerSecond", Usage.round(count / ((written - started) / 1e9)));
		figures.putAll(backlog);
		return figures;
	}

	/**
	 * Whether delivery kept up once the writers stopped: how many events were still
	 * undelivered, and how long they took to arrive; when they did not within
	 * {@code bench.drain-seconds}, how many were left and how fast they came meanwhile.
	 */
	private Map<String, Object> drain(Arrivals arrivals, long arrivalsWhenDone) {
		long stopped = System.nanoTime();
		long arrivedAtStop = arrivals.count();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("pendingAtWritersStop", countPending());
		boolean delivered = arrivals.await(arrivalsWhenDone, drainSeconds());
		long waited = System.nanoTime() - stopped;
		figures.put("delivered", delivered);
		if (delivered) {
			figures.put("drainAfterWritesMs", Usage.round(waited / 1e6));
		}
		else {
			figures.put("pendingAfterDrainWait", countPending());
			figures.put("drainWaitSeconds", Usage.round(waited / 1e9));
			figures.put("eventsPerSecondWhileDraining",
					Usage.round((arrivals.count() - arrivedAtStop) / (waited / 1e9)));
		}
		return figures;
	}

	private @Nullable Long countPending() {
		return (this.countPending != null) ? this.jdbc.sql(this.countPending).query(Long.class).single() : null;
	}

	private int drainSeconds() {
		return intProperty("bench.drain-seconds", 300);
	}

	private Long create() {
		Order order = new Order("customer-" + (System.nanoTime() % 1000), new BigDecimal("129.95"), NOTE);
		this.entityManager.persist(order);
		recordFloorEvent(true);
		publishPeerEvent("created", order);
		return order.getId();
	}

	private void changeStatus(Long id) {
		Order order = this.entityManager.find(Order.class, id);
		order.setStatus("PAID");
		recordFloorEvent(false);
		publishPeerEvent("updated", order);
	}

	private void publishPeerEvent(String type, Order order) {
		if (this.peer != null) {
			this.peer.publish(OrderChanged.of(type, order));
		}
	}

	private void recordFloorEvent(boolean created) {
		if (this.floor == null) {
			return;
		}
		if (this.pipelinedFloor) {
			this.floor.writeWithCommit(this.entityManager.unwrap(SharedSessionContractImplementor.class), created);
		}
		else {
			this.floor.writeBeforeCommit(created);
		}
	}

	/**
	 * Put {@code bench.events} events into {@code _events} with dispatch off, a thousand
	 * per transaction, for {@code drain} to deliver.
	 */
	private Map<String, Object> fill() {
		int count = intProperty("bench.events", 100_000);
		EventBus bus = this.eventBus.getObject();
		long start = System.nanoTime();
		for (int batch = 0; batch < count; batch += FILL_BATCH) {
			int first = batch;
			int size = Math.min(FILL_BATCH, count - batch);
			this.transaction.executeWithoutResult((status) -> {
				for (int i = first; i < first + size; i++) {
					bus.emitCreated("orders", i, Map.of("id", i, "customer", "customer-" + (i % 1000), "total",
							new BigDecimal("129.95"), "status", "NEW", "note", NOTE, "version", 0));
				}
			});
		}
		// in the WAL store mode the backlog is in _events once relayed: the drain must
		// not
		// time the relay
		if (this.relay != null && !this.relay.awaitRelayed(Duration.ofMinutes(10))) {
			throw new IllegalStateException("the relay did not catch up with the fill within 10 minutes");
		}
		String afterFill = this.database.afterFill();
		if (afterFill != null) {
			this.jdbc.sql(afterFill).update();
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("events", count);
		result.put("seconds", Usage.round((System.nanoTime() - start) / 1e9));
		return result;
	}

	/**
	 * Deliver the backlog {@code fill} left, which the dispatcher starts on as soon as
	 * the application is up, and time it from the first arrival to the last. With
	 * {@code bench.warm-up-events}, the first that many events of the backlog are
	 * delivered uncounted, while the JIT compiles the delivery path, and the time, CPU
	 * and rows are those of the rest.
	 */
	private Map<String, Object> drain() {
		Arrivals arrivals = this.arrivals.getObject();
		long backlog = this.jdbc.sql(this.database.countUndispatched()).query(Long.class).single();
		int subscribers = intProperty("bench.subscribers", 1);
		long warmUp = Math.min(intProperty("bench.warm-up-events", 0), backlog / 2);
		int timeout = intProperty("bench.timeout-seconds", 600);
		Usage start = this.startOfDispatch.getObject().usage();
		long firstCounted = 0;
		long countedFrom = 0;
		if (warmUp > 0) {
			arrivals.await(warmUp * subscribers, timeout);
			start = Usage.now(this.database, this.jdbc);
			countedFrom = System.nanoTime();
			firstCounted = arrivals.count();
		}
		boolean finished = arrivals.await(backlog * subscribers, timeout);
		long deliveries = arrivals.count() - firstCounted;
		long events = deliveries / subscribers;
		Map<String, Object> result = Usage.settled(this.database, this.jdbc, this.pool)
			.since(start, Math.max(1, events));
		result.remove("txPerSecond");
		result.put("events", events);
		result.put("warmUpEvents", backlog - events);
		result.put("subscribers", subscribers);
		result.put("finished", finished);
		double seconds = (warmUp > 0) ? (arrivals.lastArrivalNanos() - countedFrom) / 1e9 : arrivals.secondsArriving();
		result.put("eventsPerSecond", Usage.round(deliveries / subscribers / seconds));
		result.put("deliveriesPerSecond", Usage.round(deliveries / seconds));
		result.put("peakHeapMb", peakHeapMegabytes());
		result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		return result;
	}

	/**
	 * A steady stream of transactions, each inserting an order: how long from its commit
	 * until its event reaches the durable subscriber, or the peer's listener.
	 */
	private Map<String, Object> latency() {
		int rate = intProperty("bench.rate", 500);
		int seconds = intProperty("bench.seconds", 30);
		// without a subscriber (capture only) it measures what the paced writers cost
		// alone
		Arrivals arrivals = this.arrivals.getIfAvailable();
		Writers writers = new Writers(this.transaction, intProperty("bench.writers", 4));
		writers.paced(rate, 3, (i) -> create());
		if (arrivals != null) {
			arrivals.await(3L * rate, Math.min(60, drainSeconds()));
			arrivals.arrivedAt().clear();
			arrivals.timeEachArrival();
		}
		Map<String, Long> committedAt = new ConcurrentHashMap<>();
		long before = (arrivals != null) ? arrivals.count() : 0;
		Usage start = Usage.afterQuiet(this.database, this.jdbc, this.pool);
		ThreadCpu threadsAtStart = ThreadCpu.now();
		long started = System.nanoTime();
		int count = writers.paced(rate, seconds, (i) -> {
			String id = String.valueOf(create());
			TransactionSynchronizationManager.registerSynchronization(new CommitTime(id, committedAt));
		});
		long lastCommit = System.nanoTime();
		Long pendingAtLastCommit = countPending();
		boolean delivered = arrivals == null || arrivals.await(before + count, drainSeconds());
		Map<String, Object> cost = Usage.settled(this.database, this.jdbc, this.pool).since(start, count);
		Map<String, Object> threads = ThreadCpu.now().since(threadsAtStart, count);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rate", rate);
		result.put("achievedRate", Usage.round(count / ((lastCommit - started) / 1e9)));
		result.put("transactions", count);
		// CPU over the paced writes and the drain that followed: what delivery adds at
		// this rate, against the same figures of capture alone
		result.put("jvmCpuUsPerTx", cost.get("jvmCpuUsPerTx"));
		result.put(this.database.cpuFigure(), cost.get(this.database.cpuFigure()));
		result.put("commitsPerTx", cost.get("commitsPerTx"));
		result.put("threadCpuUsPerTx", threads);
		if (arrivals == null) {
			return result;
		}
		long[] latencies = new long[committedAt.size()];
		int n = 0;
		for (Map.Entry<String, Long> commit : committedAt.entrySet()) {
			Long arrived = arrivals.arrivedAt().get(commit.getKey());
			if (arrived != null) {
				latencies[n++] = Math.max(0, arrived - commit.getValue());
			}
		}
		long[] measured = Arrays.copyOf(latencies, n);
		Arrays.sort(measured);
		result.put("delivered", delivered);
		result.put("arrived", n);
		result.put("pendingAtLastCommit", pendingAtLastCommit);
		if (!delivered) {
			result.put("pendingAfterDrainWait", countPending());
		}
		result.put("p50Ms", percentile(measured, 0.50));
		result.put("p95Ms", percentile(measured, 0.95));
		result.put("p99Ms", percentile(measured, 0.99));
		result.put("maxMs", (n > 0) ? Usage.round(measured[n - 1] / 1e6) : null);
		result.put("drainAfterLastCommitMs", Usage.round((arrivals.lastArrivalNanos() - lastCommit) / 1e6));
		return result;
	}

	private static Double percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return null;
		}
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return Usage.round(sorted[Math.max(0, index)] / 1e6);
	}

	static long peakHeapMegabytes() {
		long peak = 0;
		List<MemoryPoolMXBean> pools = new ArrayList<>(ManagementFactory.getMemoryPoolMXBeans());
		for (MemoryPoolMXBean pool : pools) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

	private int intProperty(String name, int defaultValue) {
		return this.environment.getProperty(name, Integer.class, defaultValue);
	}

	/**
	 * Notes when a transaction committed, before the starter's own after-commit work
	 * wakes the dispatcher. Not a record: Spring keeps synchronizations in a set, and a
	 * record's hash code would hash the whole map of commit times, a cost that grew with
	 * every transaction and took most of the writers' CPU.
	 */
	private static final class CommitTime implements TransactionSynchronization {

		private final String orderId;

		private final Map<String, Long> committedAt;

		CommitTime(String orderId, Map<String, Long> committedAt) {
			this.orderId = orderId;
			this.committedAt = committedAt;
		}

		@Override
		public void afterCommit() {
			this.committedAt.put(this.orderId, System.nanoTime());
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
