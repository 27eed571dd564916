package dev.eventstarter.sample.subscribers;

import dev.eventstarter.sample.SampleTestSupport;
import dev.eventstarter.sample.blog.PostStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static dev.eventstarter.test.EventAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing a post: the custom event {@code posts.published} reaches its subscriber, the
 * status change is counted, and the search index, fed in order, finds the post until it
 * is deleted.
 */
class PublicationTests extends SampleTestSupport {

	@Autowired
	PublicationNotifier notifier;

	@Autowired
	PostAnalytics analytics;

	@Test
	void publishingEmitsPostsPublishedToItsSubscriber() {
		long id = createPost("Notified");
		publishPost(id);

		assertThat(this.recorded).hasOne("posts.published").isCommitted().isByUser("editor");
		deliver(this.recorded.ofType("posts.published").get(0).eventId());

		assertThat(this.notifier.sent()).contains("New on the blog: \"Notified\" by Erin Editor (/posts/notified)");
	}

	@Test
	void statusChangesAreCountedAndOtherUpdatesAreNot() {
		long id = createPost("Counted");
		long before = this.analytics.count(PostStatus.PUBLISHED);
		assertThat(this.mvc.put()
			.uri("/api/posts/{id}", id)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"Counted, renamed\"}")).hasStatusOk();
		deliver(eventOf("posts.updated", id));
		assertThat(this.analytics.count(PostStatus.PUBLISHED)).isEqualTo(before);

		publishPost(id);
		deliver(eventOf("posts.updated", id));

		assertThat(this.analytics.count(PostStatus.PUBLISHED)).isEqualTo(before + 1);
	}

	@Test
	void searchFindsPublishedPostsUntilTheyAreDeleted() {
		long id = createPost("Zeppelins over Lisbon");
		deliver(eventOf("posts.created", id));
		assertThat(this.mvc.get().uri("/api/search?q=zeppelins").with(editor())).bodyJson().isEqualTo("[]");

		publishPost(id);
		deliver(eventOf("posts.updated", id));
		assertThat(this.mvc.get().uri("/api/search?q=Lisbon zeppelins").with(editor())).hasStatusOk()
			.bodyJson()
			.isEqualTo("[{\"id\": " + id
					+ ", \"title\": \"Zeppelins over Lisbon\", \"slug\": \"zeppelins-over-lisbon\"}]");

		assertThat(this.mvc.delete().uri("/api/posts/{id}", id).with(editor())).hasStatus(204);
		deliver(eventOf("posts.deleted", id));
		assertThat(this.mvc.get().uri("/api/search?q=zeppelins").with(editor())).bodyJson().isEqualTo("[]");
	}

}
