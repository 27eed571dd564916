package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Records events in the transaction that caused them: the single entry point of the write
 * path, shared by entity capture and {@link dev.eventstarter.EventBus}.
 *
 * <p>
 * Events join the current Spring transaction, or the Hibernate session's own transaction
 * when that is not Spring's; without a transaction, or after the current one began
 * completing, they are written in a new transaction of their own.
 */
public final class EventRecorder {

	private static final Log logger = LogFactory.getLog(EventRecorder.class);

	private final PendingEventFactory eventFactory;

	private final EventWriter writer;

	private final DataSource dataSource;

	private final Supplier<PlatformTransactionManager> transactionManager;

	private volatile @Nullable TransactionTemplate ownTransaction;

	private final SQLExceptionTranslator exceptionTranslator = new SQLExceptionSubclassTranslator();

	private final Map<SharedSessionContractImplementor, TransactionEvents> sessionEvents = new ConcurrentHashMap<>();

	private final Supplier<List<TransactionEventsListener>> listeners;

	private final @Nullable InFlightWrites inFlightWrites;

	/**
	 * Create a recorder.
	 * @param dataSource the data source holding {@code _events}
	 * @param transactionManager supplies the application's transaction manager, used to
	 * write events emitted outside a transaction in one of their own
	 * @param writer the batch writer
	 * @param eventFactory completes drafts into rows
	 * @param listeners supplies the listeners that hear about each transaction's events,
	 * asked on every transaction: it should cache
	 * @param inFlightWrites tracks the batches in flight, for a reader that must know
	 * when every id handed out is settled, or {@code null}: only embedded databases need
	 * it, PostgreSQL tells that itself
	 */
	public EventRecorder(DataSource dataSource, Supplier<PlatformTransactionManager> transactionManager,
			EventWriter writer, PendingEventFactory eventFactory, Supplier<List<TransactionEventsListener>> listeners,
			@Nullable InFlightWrites inFlightWrites) {
		this.dataSource = dataSource;
		this.listeners = listeners;
		this.inFlightWrites = inFlightWrites;
		this.transactionManager = transactionManager;
		this.writer = writer;
		this.eventFactory = eventFactory;
	}

	/**
	 * Record an event emitted by application code.
	 * @param draft the event
	 * @return the event id
	 */
	public UUID record(EventDraft draft) {
		return record(draft, null);
	}

	/**
	 * Record an event captured from a Hibernate session.
	 * @param draft the event
	 * @param session the session whose flush produced it, or {@code null} for an emitted
	 * event
	 * @return the event id
	 */
	public UUID record(EventDraft draft, @Nullable SharedSessionContractImplementor session) {
		TransactionEvents events = currentEvents(session);
		if (events != null) {
			return add(events, draft, session);
		}
		UUID eventId = ownTransaction().execute((status) -> {
			TransactionEvents own = currentEvents(null);
			Assert.state(own != null, "The transaction manager does not support transaction synchronization");
			return add(own, draft, null);
		});
		Assert.state(eventId != null, "No event id from the event's own transaction");
		return eventId;
	}

	private TransactionTemplate ownTransaction() {
		TransactionTemplate ownTransaction = this.ownTransaction;
		if (ownTransaction == null) {
			// looked up late: the transaction manager may depend on the
			// EntityManagerFactory capture hooks into
			ownTransaction = new TransactionTemplate(this.transactionManager.get());
			ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			this.ownTransaction = ownTransaction;
		}
		return ownTransaction;
	}

	private UUID add(TransactionEvents events, EventDraft draft, @Nullable SharedSessionContractImplementor session) {
		PendingEvent event = this.eventFactory.create(draft, events, tenant(session));
		events.add(event);
		for (TransactionEventsListener listener : this.listeners.get()) {
			listener.recorded(event);
		}
		return event.eventId();
	}

	private static @Nullable String tenant(@Nullable SharedSessionContractImplementor session) {
		Object tenant = (session != null) ? session.getTenantIdentifierValue() : null;
		return (tenant != null) ? tenant.toString() : null;
	}

	private @Nullable TransactionEvents currentEvents(@Nullable SharedSessionContractImplementor session) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			Assert.state(!TransactionSynchronizationManager.isCurrentTransactionReadOnly(),
					"Cannot emit an event in a read-only transaction: its connection refuses the insert at commit. "
							+ "Emit from a read-write transaction, or outside any transaction.");
			TransactionEvents events = (TransactionEvents) TransactionSynchronizationManager.getResource(this);
			if (events == null) {
				events = new TransactionEvents(this);
				events.bindToSpringTransaction();
				SharedSessionContractImplementor transactionSession = springTransactionSession();
				if (transactionSession != null) {
					events.writeBeforeHibernateCompletes(transactionSession);
				}
			}
			if (session == null || session == events.session()) {
				return events.accepts(session) ? events : null;
			}
		}
		return (session != null) ? sessionEvents(session) : null;
	}

	private TransactionEvents sessionEvents(SharedSessionContractImplementor session) {
		return this.sessionEvents.computeIfAbsent(session, (key) -> {
			TransactionEvents events = new TransactionEvents(this);
			events.writeBeforeHibernateCompletes(key);
			return events;
		});
	}

	private static @Nullable SharedSessionContractImplementor springTransactionSession() {
		for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
			if (resource instanceof EntityManagerHolder holder && holder.isSynchronizedWithTransaction()) {
				SharedSessionContractImplementor session = holder.getEntityManager()
					.unwrap(SharedSessionContractImplementor.class);
				if (session.isTransactionInProgress()) {
					return session;
				}
			}
		}
		return null;
	}

	boolean beforeWrite(List<PendingEvent> events) {
		boolean ranHandlers = false;
		for (TransactionEventsListener listener : this.listeners.get()) {
			ranHandlers |= listener.beforeWrite(events);
		}
		return ranHandlers;
	}

	void rolledBack(List<PendingEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		for (TransactionEventsListener listener : this.listeners.get()) {
			try {
				listener.rolledBack(events);
			}
			catch (RuntimeException ex) {
				// the rollback happened: its caller must see its own failure, not this
				// one
				logger.warn(
						"Listener " + listener + " failed after a transaction rolled back " + events.size() + " events",
						ex);
			}
		}
	}

	void committed(List<PendingEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		for (TransactionEventsListener listener : this.listeners.get()) {
			try {
				listener.afterCommit(events);
			}
			catch (RuntimeException ex) {
				// the transaction committed: its caller must not see a failure
				logger.warn(
						"Listener " + listener + " failed after a transaction committed " + events.size() + " events",
						ex);
			}
		}
	}

	/**
	 * Note that a batch is about to be inserted.
	 * @return its generation, or {@code 0} when nothing is tracked
	 */
	long writeStarting() {
		InFlightWrites tracker = this.inFlightWrites;
		return (tracker != null) ? tracker.begin() : 0;
	}

	void writeCompleted(long generation) {
		InFlightWrites tracker = this.inFlightWrites;
		if (tracker != null && generation != 0) {
			tracker.end(generation);
		}
	}

	void write(Connection connection, List<PendingEvent> events) {
		try {
			this.writer.insert(connection, events);
		}
		catch (SQLException ex) {
			throw translate(ex);
		}
	}

	void writeOnTransactionConnection(List<PendingEvent> events) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			write(connection, events);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	void forgetSession(SharedSessionContractImplementor session) {
		this.sessionEvents.remove(session);
	}

	void reportUnwritten(List<PendingEvent> events) {
		logger.error("A transaction committed without writing its " + events.size() + " events (first: "
				+ events.get(0).eventType() + " " + events.get(0).eventId()
				+ "): the Hibernate session that should have written them did not complete with it");
	}

	private RuntimeException translate(SQLException ex) {
		RuntimeException translated = this.exceptionTranslator.translate("insert into _events", null, ex);
		return (translated != null) ? translated : new IllegalStateException("Could not write events", ex);
	}

}
