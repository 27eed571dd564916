package dev.eventstarter.test;

import java.util.Map;

import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventContext;
import dev.eventstarter.EventStore;
import dev.eventstarter.dispatch.DispatchProperties;
import dev.eventstarter.test.app.Article;
import dev.eventstarter.test.app.ArticleService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.eventstarter.test.EventAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a {@code @SpringBootTest} records, and every assertion passing and failing.
 */
@SpringBootTest
class RecordedEventsTests {

	@Autowired
	RecordedEvents events;

	@Autowired
	ArticleService articles;

	@Autowired
	EventBus bus;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	DispatchProperties dispatch;

	@Autowired
	EventStore store;

	@Test
	void aCapturedChangeReadsLikeTheDomain() {
		long id = this.articles.write("Events in tests").getId();
		EventContext.with().userId("editor").run(() -> this.articles.publish(id));

		assertThat(this.events).hasTypesExactly("articles.created", "newsletter.requested", "articles.updated");
		EventAssert published = assertThat(this.events).hasOne("articles.updated")
			.isOfType("articles.*")
			.isFor("articles", id)
			.hasChangedFields("status")
			.hasOldValue("status", Article.ArticleStatus.DRAFT)
			.hasNewValue("status", "PUBLISHED")
			.hasNewValue("id", id)
			.isByUser("editor")
			.isCommitted();
		RecordedEvent newsletter = this.events.ofType("newsletter.*").get(0);
		published.isInSameTransactionAs(newsletter);
		assertThat(newsletter).hasPayload(Map.class, Map.of("articleId", (int) id, "title", "Events in tests"))
			.isInTransaction(newsletter.transactionId());
		assertThat(this.events).hasOne("articles.created", "articles", id)
			.hasPayloadSatisfying(ArticleView.class,
					(article) -> assertThat(article.title()).isEqualTo("Events in tests"));
		assertThat(this.events).hasNone("articles.deleted").onlyCommitted().hasSize(3);
		assertThat(this.events).ofType("articles.*").hasSize(2);
	}

	@Test
	void eventsOfARolledBackTransactionStayMarked() {
		this.transaction.executeWithoutResult((status) -> {
			this.articles.write("Never written");
			// reading flushes the open transaction: Hibernate inserts, capture records
			assertThat(this.events).hasOne("articles.created");
			this.bus.emit("audit.noted", Map.of("note", "rolled back"));
			assertThat(this.events.all()).extracting(RecordedEvent::status)
				.containsExactly(RecordedEvent.Status.PENDING, RecordedEvent.Status.PENDING);
			status.setRollbackOnly();
		});
		this.bus.emit("audit.noted", Map.of("note", "kept"));

		assertThat(this.events).onlyRolledBack()
			.hasTypesExactly("articles.created", "audit.noted")
			.areInOneTransaction();
		assertThat(this.events).onlyCommitted().hasOne("audit.noted").isCommitted();
		assertThat(this.events.all().get(0)).isRolledBack();
		assertThat(this.events.committed()).hasSize(1);
	}

	@Test
	void eachTestStartsWithNothingRecordedAndDispatchOff() {
		assertThat(this.events).isEmpty();
		assertThat(this.dispatch.isEnabled()).as("background dispatch in tests").isFalse();
	}

	@Test
	void failuresListWhatWasRecorded() {
		long id = this.articles.write("First").getId();
		this.articles.retitle(id, "Second");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.events).hasOne("articles.deleted"))
			.withMessageContaining("Expecting exactly one articles.deleted event but found 0")
			.withMessageContaining("1. articles.created articles/" + id + " (committed)")
			.withMessageContaining("2. articles.updated articles/" + id + " (committed) changed [title]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.events).hasOne("articles.*"))
			.withMessageContaining("Expecting exactly one articles.* event but found 2");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.events).hasOne("articles.updated", "articles", id + 1))
			.withMessageContaining("for articles/" + (id + 1) + " but found 0");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.events).hasNone("articles.updated"))
			.withMessageContaining("Expecting no articles.updated event but found 1");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.events).hasTypesExactly("articles.updated", "articles.created"))
			.withMessageContaining("[articles.updated, articles.created] in this order but found "
					+ "[articles.created, articles.updated]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.events).hasSize(3))
			.withMessageContaining("Expecting 3 events in view but found 2");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.events).isEmpty())
			.withMessageContaining("Expecting no events in view but found 2");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.events).areInOneTransaction())
			.withMessageContaining("in one transaction but they were in 2");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.events).onlyRolledBack().hasOne("articles.created"))
			.withMessageContaining("[rolled back events]")
			.withMessageContaining("1. articles.created articles/" + id + " (committed)");
	}

	@Test
	void eventAssertionFailuresShowTheEvent() {
		long id = this.articles.write("Draft").getId();
		this.articles.retitle(id, "Final");
		EventAssert updated = assertThat(this.events).hasOne("articles.updated");

		assertFails(() -> updated.isOfType("articles.created"), "Expecting a articles.created event but was:",
				"articles.updated articles/" + id);
		assertFails(() -> updated.isFor("articles", id + 1), "Expecting an event for articles/" + (id + 1));
		assertFails(() -> updated.hasChangedFields("title", "status"),
				"Expecting the changed fields [title, status] but were [title]");
		assertFails(() -> updated.hasOldValue("title", "Final"), "Expecting old.title to be Final but was Draft");
		assertFails(() -> updated.hasNewValue("author", "me"),
				"Expecting new.author to be me but the new state has no such field");
		assertFails(() -> updated.hasPayload(Map.class, Map.of()), "Expecting the payload {} but was");
		assertFails(() -> updated.hasPayloadSatisfying(Integer.class, (payload) -> {
		}), "Expecting a payload that maps to java.lang.Integer but it does not");
		assertFails(() -> updated.isByUser("editor"), "Expecting an event by editor but it was by nobody known");
		assertFails(() -> updated.isRolledBack(), "Expecting a rolled back event but it is committed");
		RecordedEvent created = this.events.ofType("articles.created").get(0);
		assertFails(() -> updated.isInSameTransactionAs(created), "Expecting an event of the transaction of");
		assertFails(() -> updated.isInTransaction(created.transactionId()),
				"Expecting an event of transaction " + created.transactionId());
		Event stored = this.store.findByEventId(created.eventId()).orElseThrow();
		assertFails(() -> assertThat(stored).isCommitted(), "Expecting a recorded event (from RecordedEvents)");
	}

	@Test
	void patternsAreCheckedLikeSubscriptionPatterns() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.events.ofType("articles updated"))
			.withMessage("'articles updated' is not an event type pattern: use 1 to 255 letters, digits, '.', '_', "
					+ "'-', ':' or '*' (any run of characters)");
		assertThatIllegalArgumentException().isThrownBy(() -> assertThat(this.events).hasOne(""))
			.withMessageStartingWith("'' is not an event type pattern");
	}

	private static void assertFails(Runnable assertion, String... messageParts) {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(assertion::run)
			.withMessageContainingAll(messageParts);
	}

	record ArticleView(long id, String title, String status) {

	}

}
