package dev.eventstarter.test;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.testapp.TestApplication;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;

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
	protected EventStore store;

	protected EventRows events;

	@BeforeEach
	void emptyTables() {
		this.events = new EventRows(this.jdbc);
		this.events.deleteAllWithEntities();
	}

}
