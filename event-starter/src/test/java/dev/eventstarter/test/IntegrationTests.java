package dev.eventstarter.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.store.WalRelay;
import dev.eventstarter.testapp.TestApplication;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the contract tests that run the test application against each database: what
 * they use, and empty tables before every test.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.NONE)
public abstract class IntegrationTests {

	@Autowired
	protected TransactionTemplate tx;

	@Autowired
	protected EntityManager em;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected DataSource dataSource;

	@Autowired
	protected EventBus bus;

	@Autowired
	private EventStore eventStore;

	/**
	 * The application's {@link EventStore}; in the WAL store mode each read first waits
	 * until what committed is relayed, as a test of the user's would.
	 */
	protected EventStore store;

	@Autowired
	protected ObjectProvider<WalRelay> relay;

	protected EventRows events;

	@BeforeEach
	void emptyTables() {
		WalRelay walRelay = this.relay.getIfAvailable();
		this.events = new EventRows(this.jdbc, walRelay);
		this.store = (walRelay != null) ? relayedReads(this.eventStore, this.events) : this.eventStore;
		this.events.deleteAllWithEntities();
	}

	private static EventStore relayedReads(EventStore store, EventRows events) {
		return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(),
				new Class<?>[] { EventStore.class }, (proxy, method, arguments) -> {
					events.awaitRelayed();
					try {
						return method.invoke(store, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
