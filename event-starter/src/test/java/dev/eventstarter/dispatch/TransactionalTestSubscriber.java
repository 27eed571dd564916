package dev.eventstarter.dispatch;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A subscriber behind a transactional proxy: found, and called through the proxy.
 */
public class TransactionalTestSubscriber {

	private final TestSubscribers recorder;

	TransactionalTestSubscriber(TestSubscribers recorder) {
		this.recorder = recorder;
	}

	@Transactional
	@OnEvent(value = "labels.created", id = "labels")
	public void labelCreated(Event event) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("called around the transactional proxy");
		}
		this.recorder.record("labels", event);
	}

}
