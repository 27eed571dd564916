package dev.eventstarter.busy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * On H2, where this JVM is the only writer, the stall is a transaction of the application
 * held after its events were written and before it commits.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:busy;DB_CLOSE_DELAY=-1")
class H2BusyDatabaseTests extends BusyDatabaseContractTests {

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EntityManager entityManager;

	@Override
	Stall stall(Runnable write) {
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<UUID> done = writeInBackground(() -> this.tx.executeWithoutResult((status) -> {
			write.run();
			// runs after the starter's own callback, which wrote the events
			this.entityManager.unwrap(SharedSessionContractImplementor.class)
				.getTransactionCompletionCallbacks()
				.registerCallback((BeforeCompletionCallback) (session) -> {
					written.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
		}));
		await().atMost(Duration.ofSeconds(10)).until(() -> written.getCount() == 0);
		return new Stall() {

			@Override
			public UUID release() throws Exception {
				release.countDown();
				return done.get(10, TimeUnit.SECONDS);
			}

			@Override
			public void close() throws Exception {
				release.countDown();
				done.handle((id, failure) -> id).get(10, TimeUnit.SECONDS);
			}

		};
	}

	@Override
	String expectedBlocker() {
		return "thread '";
	}

	@Override
	String expectedApplicationName() {
		return "this application";
	}

}
