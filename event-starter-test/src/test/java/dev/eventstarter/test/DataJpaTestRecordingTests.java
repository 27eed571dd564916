package dev.eventstarter.test;

import java.util.List;

import dev.eventstarter.test.app.Article;
import dev.eventstarter.test.app.Articles;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.test.context.transaction.AfterTransaction;

import static dev.eventstarter.test.EventAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capture and recording in a {@code @DataJpaTest} slice, whose transaction rolls back:
 * the events are asserted while it is open, and stay recorded, marked, once it rolled
 * back.
 */
@DataJpaTest
class DataJpaTestRecordingTests {

	@Autowired
	Articles articles;

	@Autowired
	RecordedEvents events;

	@Test
	void changesInTheTestTransactionAreRecorded() {
		Article article = this.articles.save(new Article("Slice"));
		article.publish();

		// reading flushes: the update shows up without an explicit flush
		assertThat(this.events).hasTypesExactly("articles.created", "articles.updated");
		assertThat(this.events).hasOne("articles.updated")
			.isFor("articles", article.getId())
			.hasChangedFields("status")
			.hasNewValue("status", Article.ArticleStatus.PUBLISHED);
		assertThat(this.events.all()).extracting(RecordedEvent::status).containsOnly(RecordedEvent.Status.PENDING);
		assertThat(this.events.committed()).isEmpty();
	}

	@AfterTransaction
	void theEventsAreMarkedRolledBack() {
		List<RecordedEvent> all = this.events.all();
		assertThat(all).hasSize(2);
		assertThat(this.events).onlyRolledBack().hasSize(2).areInOneTransaction();
	}

}
