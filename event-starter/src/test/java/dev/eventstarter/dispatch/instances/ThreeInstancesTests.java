package dev.eventstarter.dispatch.instances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three application contexts on one database, on PostgreSQL and on MariaDB, all writing
 * concurrently and all dispatching: nothing lost, nothing twice, and an ordered
 * subscriber still gets each resource's events in order although they come from every
 * instance.
 */
class ThreeInstancesTests {

	private static final int WRITERS = 6;

	private static final int EVENTS_PER_WRITER = 500;

	private static final int ACCOUNTS = 20;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void threeInstancesKeepEveryEventAndEveryAccountsOrder(TestDatabase database) throws Exception {
		String url = database.url("events_three_instances");
		InstanceApplication.deliveries.clear();
		InstanceApplication.deliveriesByInstance.clear();
		InstanceApplication.orderedByAccount.clear();
		for (String name : List.of("a", "b", "c")) {
			this.instances.add(InstanceApplication.start(name, database, url));
		}
		TransactionTemplate setup = new TransactionTemplate(
				this.instances.get(0).getBean(PlatformTransactionManager.class));
		setup.executeWithoutResult((status) -> {
			EntityManager em = EntityManagerFactoryUtils
				.getTransactionalEntityManager(this.instances.get(0).getBean(EntityManagerFactory.class));
			for (long account = 0; account < ACCOUNTS; account++) {
				em.persist(new Account(account));
			}
		});
		long started = System.nanoTime();
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		List<Future<?>> writing = new ArrayList<>();
		for (int writer = 0; writer < WRITERS; writer++) {
			ConfigurableApplicationContext instance = this.instances.get(writer % 3);
			EventBus bus = instance.getBean(EventBus.class);
			int first = writer * EVENTS_PER_WRITER;
			writing.add(writers.submit(() -> {
				for (int i = first; i < first + EVENTS_PER_WRITER; i++) {
					long account = ThreadLocalRandom.current().nextInt(ACCOUNTS);
					switch (i % 3) {
						case 0 -> bus.emit("load.item", i);
						case 1 -> deposit(instance, account, i);
						// concurrent emits for one resource share no lock: their ids can
						// commit out of order
						default -> bus.emitUpdated("ledgers", account, Map.of("n", i - 1), Map.of("n", i));
					}
				}
			}));
		}
		for (Future<?> future : writing) {
			future.get();
		}
		writers.shutdown();
		int loadEvents = WRITERS * EVENTS_PER_WRITER / 3;
		int accountEvents = WRITERS * EVENTS_PER_WRITER - loadEvents;
		await().atMost(Duration.ofSeconds(90))
			.until(() -> InstanceApplication.deliveries.size() == loadEvents && received() == accountEvents);
		// a late duplicate would show up now: let the dispatchers poll a few more times
		Thread.sleep(300);
		long wallMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		int delivered = InstanceApplication.deliveries.values().stream().mapToInt(AtomicInteger::get).sum();
		int duplicates = (delivered - InstanceApplication.deliveries.size()) + (received() - accountEvents);
		System.out.printf(
				"three instances: %s, %d events, %d lost, %d duplicates, %d ms from first write to last "
						+ "delivery, deliveries by instance %s%n",
				database, loadEvents + accountEvents, loadEvents - InstanceApplication.deliveries.size(), duplicates,
				wallMillis, InstanceApplication.deliveriesByInstance);
		assertThat(InstanceApplication.deliveries).hasSize(loadEvents);
		assertThat(duplicates).isZero();
		JdbcClient jdbc = JdbcClient.create(this.instances.get(0).getBean(DataSource.class));
		for (String resource : List.of("accounts", "ledgers")) {
			for (int account = 0; account < ACCOUNTS; account++) {
				List<Long> stored = jdbc
					.sql("select id from _events where event_type = ? and resource_id = ? order by id")
					.param(resource + ".updated")
					.param(Integer.toString(account))
					.query(Long.class)
					.list();
				assertThat(InstanceApplication.orderedByAccount.getOrDefault(resource + "/" + account, List.of()))
					.as("%s %d in id order, complete", resource, account)
					.isEqualTo(stored);
			}
		}
		if (database != TestDatabase.POSTGRESQL_WAL) {
			assertThat(InstanceApplication.deliveriesByInstance.keySet()).as("every instance dispatched")
				.containsExactlyInAnyOrder("a", "b", "c");
		}
		// in the WAL mode the relaying instance hands what it relays to its own
		// dispatcher
	}

	/**
	 * Change an account under its row lock, as concurrent changes of one record are: the
	 * lock orders the transactions, so their events' ids follow their commits.
	 */
	private static void deposit(ConfigurableApplicationContext instance, long account, long amount) {
		new TransactionTemplate(instance.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			EntityManager em = EntityManagerFactoryUtils
				.getTransactionalEntityManager(instance.getBean(EntityManagerFactory.class));
			em.find(Account.class, account, LockModeType.PESSIMISTIC_WRITE).deposit(amount);
		});
	}

	private static int received() {
		return InstanceApplication.orderedByAccount.values().stream().mapToInt(List::size).sum();
	}

}
