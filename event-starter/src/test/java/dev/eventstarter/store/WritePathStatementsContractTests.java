package dev.eventstarter.store;

import java.util.List;

import dev.eventstarter.EventBus;
import dev.eventstarter.test.EventRows;
import dev.eventstarter.test.StatementLog;
import dev.eventstarter.test.StatementLog.Statement;
import dev.eventstarter.testapp.AuditNote;
import dev.eventstarter.testapp.Post;
import dev.eventstarter.testapp.Status;
import dev.eventstarter.testapp.TestApplication;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write path adds exactly one JDBC batch to a transaction that changes captured
 * entities, and nothing else: no SELECT, no statement per entity, nothing at all for
 * transactions without events. Counted with a datasource proxy on each real database.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "events.jdbc.initialize-schema=always", "spring.jpa.properties.hibernate.jdbc.batch_size=50",
				"spring.jpa.properties.hibernate.order_updates=true" })
@Import(WritePathStatementsContractTests.StatementLogConfiguration.class)
abstract class WritePathStatementsContractTests {

	@Autowired
	StatementLog log;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EntityManager em;

	@Autowired
	EventBus bus;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void clean() {
		new EventRows(this.jdbc).deleteAllWithEntities();
		this.log.clear();
	}

	@Test
	void insertsOfSeveralEntitiesAddOneBatchWithAllTheirEvents() {
		this.tx.executeWithoutResult((status) -> {
			for (int i = 0; i < 3; i++) {
				this.em.persist(new Post("post " + i));
			}
		});
		List<Statement> statements = this.log.statements();
		assertThat(eventStatements(statements)).singleElement()
			.satisfies((insert) -> assertThat(insert).extracting(Statement::batch, Statement::rows)
				.containsExactly(true, 3));
		assertThat(statements).filteredOn((statement) -> !statement.touches("_events"))
			.as("the application's own sequence calls and insert batch")
			.allMatch((statement) -> statement.touches("posts_seq") || statement.touches("posts"))
			.filteredOn((statement) -> statement.touches("posts"))
			.singleElement()
			.extracting(Statement::rows)
			.isEqualTo(3);
	}

	@Test
	void dirtyCheckedUpdatesAddOneBatchAndNoQuery() {
		this.tx.executeWithoutResult((status) -> {
			for (int i = 0; i < 3; i++) {
				this.em.persist(new Post("post " + i));
			}
		});
		this.log.clear();
		this.tx.executeWithoutResult((status) -> this.em.createQuery("from Post", Post.class)
			.getResultList()
			.forEach((post) -> post.setStatus(Status.PUBLISHED)));
		List<Statement> statements = this.log.statements();
		assertThat(eventStatements(statements)).singleElement()
			.satisfies((insert) -> assertThat(insert.rows()).isEqualTo(3));
		assertThat(statements).filteredOn(Statement::isSelect).as("only the application's own query").hasSize(1);
		assertThat(statements).as("query, posts update batch, events batch").hasSize(3);
	}

	@Test
	void capturedAndEmittedEventsOfOneTransactionShareTheBatch() {
		this.tx.executeWithoutResult((status) -> {
			this.em.persist(new Post("post"));
			this.bus.emit("posts.announced", "hello");
		});
		assertThat(eventStatements(this.log.statements())).singleElement()
			.satisfies((insert) -> assertThat(insert.rows()).isEqualTo(2));
	}

	@Test
	void transactionWithoutEventsRunsNoExtraStatement() {
		this.tx.executeWithoutResult((status) -> this.em.persist(new AuditNote("untracked")));
		assertThat(this.log.statements()).noneMatch((statement) -> statement.touches("_events"));
	}

	private static List<Statement> eventStatements(List<Statement> statements) {
		return statements.stream().filter((statement) -> statement.touches("_events")).toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StatementLogConfiguration {

		@Bean
		static StatementLog statementLog() {
			return new StatementLog();
		}

	}

}
