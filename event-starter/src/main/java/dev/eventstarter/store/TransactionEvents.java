package dev.eventstarter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.eventstarter.context.EventOrigin;
import dev.eventstarter.store.PendingEventFactory.OriginJson;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events of one transaction, written in one batch just before it commits.
 *
 * <p>
 * When a Hibernate session takes part in the transaction, the batch is written by a
 * Hibernate before-completion callback: it runs after Hibernate's final flush, so the
 * updates dirty checking finds at commit are in the batch too. Otherwise Spring's
 * {@code beforeCommit} writes it on the transaction's JDBC connection.
 */
final class TransactionEvents implements TransactionSynchronization, BeforeCompletionCallback, AfterCompletionCallback {

	private final EventRecorder recorder;

	private final UUID transactionId = EventIds.next();

	private final List<PendingEvent> pending = new ArrayList<>();

	private @Nullable SharedSessionContractImplementor session;

	private EventOrigin lastOrigin = EventOrigin.NONE;

	private OriginJson lastOriginJson = OriginJson.NONE;

	private boolean springBound;

	private boolean completing;

	private boolean beforeWritePhase;

	private boolean written;

	private long writeGeneration;

	TransactionEvents(EventRecorder recorder) {
		this.recorder = recorder;
	}

	UUID transactionId() {
		return this.transactionId;
	}

	/**
	 * The JSON columns of an origin. The events of a transaction usually share one
	 * origin, so it is serialized once.
	 */
	OriginJson originJson(EventOrigin origin, Function<EventOrigin, OriginJson> serializer) {
		if (!origin.equals(this.lastOrigin)) {
			this.lastOriginJson = serializer.apply(origin);
			this.lastOrigin = origin;
		}
		return this.lastOriginJson;
	}

	@Nullable SharedSessionContractImplementor session() {
		return this.session;
	}

	/**
	 * Whether an event from this source can still join the batch.
	 * @param source the Hibernate session that captured the event, or {@code null} for an
	 * emitted one
	 * @return {@code false} once the batch is written or, for events not captured by the
	 * attached session, once Spring began completing the transaction
	 */
	boolean accepts(@Nullable SharedSessionContractImplementor source) {
		if (this.written) {
			return false;
		}
		return this.beforeWritePhase || !this.completing || (source != null && source == this.session);
	}

	void add(PendingEvent event) {
		this.pending.add(event);
	}

	void bindToSpringTransaction() {
		TransactionSynchronizationManager.bindResource(this.recorder, this);
		TransactionSynchronizationManager.registerSynchronization(this);
		this.springBound = true;
	}

	void writeBeforeHibernateCompletes(SharedSessionContractImplementor session) {
		this.session = session;
		session.getTransactionCompletionCallbacks().registerCallback((BeforeCompletionCallback) this);
		if (!this.springBound) {
			session.getTransactionCompletionCallbacks().registerCallback((AfterCompletionCallback) this);
		}
	}

	@Override
	public void doBeforeTransactionCompletion(SharedSessionContractImplementor session) {
		runBeforeWrite(session);
		startWrite();
		session.doWork((connection) -> this.recorder.write(connection, this.pending));
		this.written = true;
	}

	@Override
	public void doAfterTransactionCompletion(boolean success, SharedSessionContractImplementor session) {
		this.recorder.forgetSession(session);
		if (!this.springBound) {
			endWrite();
		}
		if (success) {
			this.recorder.committed(this.pending);
		}
		else {
			this.recorder.rolledBack(this.pending);
		}
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		if (this.session == null) {
			runBeforeWrite(null);
			startWrite();
			this.recorder.writeOnTransactionConnection(this.pending);
			this.written = true;
		}
	}

	@Override
	public void afterCommit() {
		this.recorder.committed(this.pending);
	}

	/**
	 * Show every event to the listener before the batch is written, including those its
	 * handlers record or cause by changing entities, until no new one appears.
	 */
	private void runBeforeWrite(@Nullable SharedSessionContractImplementor session) {
		this.beforeWritePhase = true;
		try {
			int shown = 0;
			while (shown < this.pending.size()) {
				List<PendingEvent> unseen = List.copyOf(this.pending.subList(shown, this.pending.size()));
				shown = this.pending.size();
				boolean ranHandlers = this.recorder.beforeWrite(unseen);
				if (ranHandlers && session instanceof Session entitySession && entitySession.isOpen()
						&& entitySession.getHibernateFlushMode() != FlushMode.MANUAL) {
					entitySession.flush();
				}
			}
		}
		finally {
			this.beforeWritePhase = false;
		}
	}

	private void startWrite() {
		if (!this.pending.isEmpty() && this.writeGeneration == 0) {
			this.writeGeneration = this.recorder.writeStarting();
		}
	}

	private void endWrite() {
		this.recorder.writeCompleted(this.writeGeneration);
		this.writeGeneration = 0;
	}

	@Override
	public void beforeCompletion() {
		this.completing = true;
	}

	@Override
	public void afterCompletion(int status) {
		TransactionSynchronizationManager.unbindResourceIfPossible(this.recorder);
		endWrite();
		if (status == STATUS_COMMITTED && !this.written && !this.pending.isEmpty()) {
			this.recorder.reportUnwritten(this.pending);
		}
		if (status == STATUS_ROLLED_BACK) {
			this.recorder.rolledBack(this.pending);
		}
	}

	@Override
	public void suspend() {
		TransactionSynchronizationManager.unbindResource(this.recorder);
	}

	@Override
	public void resume() {
		TransactionSynchronizationManager.bindResource(this.recorder, this);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
