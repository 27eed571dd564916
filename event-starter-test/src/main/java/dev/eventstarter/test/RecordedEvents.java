package dev.eventstarter.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.eventstarter.Event;
import dev.eventstarter.store.EventTypes;
import jakarta.persistence.EntityManager;

import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Every event recorded while the current test runs, captured or emitted, in the order
 * they were recorded, each with the fate of its transaction: those of a transaction the
 * test rolls back (as {@code @DataJpaTest} does by default) stay, marked
 * {@link RecordedEvent.Status#ROLLED_BACK}. Cleared before each test method.
 *
 * <p>
 * Reading flushes the entity changes of the test's open transaction first, as a query
 * would, so that changes Hibernate has not flushed yet show up as events.
 */
public final class RecordedEvents {

	private final List<RecordedEvent> events = new ArrayList<>();

	RecordedEvents() {
	}

	/**
	 * Every recorded event, in order.
	 * @return a copy of the events
	 */
	public List<RecordedEvent> all() {
		flushOpenTransaction();
		return snapshot();
	}

	/**
	 * The recorded events whose transaction committed.
	 * @return a copy of the committed events, in order
	 */
	public List<RecordedEvent> committed() {
		return all().stream().filter(RecordedEvent::isCommitted).toList();
	}

	/**
	 * The recorded events of a type.
	 * @param pattern an event type, or a pattern such as {@code posts.*}
	 * @return a copy of the matching events, in order
	 */
	public List<RecordedEvent> ofType(String pattern) {
		requireValidPattern(pattern);
		return all().stream().filter((event) -> EventTypes.matches(pattern, event.eventType())).toList();
	}

	/**
	 * Forget what was recorded, for example the events of a test's setup.
	 */
	public void clear() {
		synchronized (this.events) {
			this.events.clear();
		}
	}

	void add(RecordedEvent event) {
		synchronized (this.events) {
			this.events.add(event);
			this.events.notifyAll();
		}
	}

	void changed() {
		synchronized (this.events) {
			this.events.notifyAll();
		}
	}

	/**
	 * Wait for an event recorded at or after a position that matches, without flushing:
	 * the stimulus runs in other threads.
	 */
	Optional<RecordedEvent> await(int from, Predicate<? super RecordedEvent> matching, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.events) {
			while (true) {
				for (int i = from; i < this.events.size(); i++) {
					if (matching.test(this.events.get(i))) {
						return Optional.of(this.events.get(i));
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return Optional.empty();
				}
				TimeUnit.NANOSECONDS.timedWait(this.events, left);
			}
		}
	}

	List<RecordedEvent> snapshot() {
		synchronized (this.events) {
			return List.copyOf(this.events);
		}
	}

	static void requireValidPattern(String pattern) {
		Assert.isTrue(EventTypes.isValidPattern(pattern),
				() -> "'" + pattern + "' is not an event type pattern: use " + EventTypes.PATTERN_RULE);
	}

	private static void flushOpenTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return;
		}
		// a copy: the flush records events, which binds the transaction's batch as a
		// resource
		for (Object resource : List.copyOf(TransactionSynchronizationManager.getResourceMap().values())) {
			if (resource instanceof EntityManagerHolder holder && holder.isSynchronizedWithTransaction()) {
				EntityManager entityManager = holder.getEntityManager();
				if (entityManager.isJoinedToTransaction()) {
					entityManager.flush();
				}
			}
		}
	}

	@Override
	public String toString() {
		return EventDescriptions.describe(snapshot());
	}

	static boolean matches(String pattern, Event event) {
		return EventTypes.matches(pattern, event.eventType());
	}

}
