package dev.eventstarter.dispatch.instances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application contexts share one database, on PostgreSQL and on MariaDB, both writing
 * and both dispatching: every event is delivered, and exactly once when nothing fails.
 */
class TwoInstancesTests {

	private static final int EVENTS = 2000;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void twoInstancesDeliverEveryEventOnceWithoutFaults(TestDatabase database) throws Exception {
		String url = database.url("events_two_instances");
		InstanceApplication.deliveries.clear();
		InstanceApplication.deliveriesByInstance.clear();
		this.instances.add(InstanceApplication.start("a", database, url));
		this.instances.add(InstanceApplication.start("b", database, url));
		long started = System.nanoTime();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> writing = new ArrayList<>();
		for (int writer = 0; writer < 4; writer++) {
			EventBus bus = this.instances.get(writer % 2).getBean(EventBus.class);
			int first = writer * (EVENTS / 4);
			writing.add(writers.submit(() -> {
				for (int i = first; i < first + EVENTS / 4; i++) {
					bus.emit("load.item", i);
				}
			}));
		}
		for (Future<?> future : writing) {
			future.get();
		}
		writers.shutdown();
		await().atMost(Duration.ofSeconds(60)).until(() -> InstanceApplication.deliveries.size() == EVENTS);
		// a late duplicate would show up now: let both dispatchers poll a few more times
		Thread.sleep(300);
		long wallMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		int delivered = InstanceApplication.deliveries.values().stream().mapToInt(AtomicInteger::get).sum();
		int duplicates = delivered - InstanceApplication.deliveries.size();
		Map<String, AtomicInteger> split = InstanceApplication.deliveriesByInstance;
		System.out.printf(
				"two instances: %s, %d events, %d lost, %d duplicates, %d ms from first write to last "
						+ "delivery, deliveries by instance %s%n",
				database, EVENTS, EVENTS - InstanceApplication.deliveries.size(), duplicates, wallMillis, split);
		assertThat(InstanceApplication.deliveries).hasSize(EVENTS);
		assertThat(duplicates).isZero();
		if (database != TestDatabase.POSTGRESQL_WAL) {
			assertThat(split.keySet()).as("both instances dispatched").containsExactlyInAnyOrder("a", "b");
		}
		else {
			// the relaying instance hands what it relays to its own dispatcher, as a
			// writer does in the table mode: the other takes part only when it is behind
			assertThat(split.keySet()).as("the relaying instance dispatched").isNotEmpty();
		}
	}

}
