package dev.eventstarter.sample.subscribers;

import java.util.UUID;

import dev.eventstarter.EventQuery;
import dev.eventstarter.sample.SampleTestSupport;
import dev.eventstarter.sample.blog.PostStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

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

		UUID published = this.events.query(EventQuery.builder().eventType("posts.published").limit(10_000).build())
			.stream()
			.filter((event) -> event.data().get("postId").asLong() == id)
			.findFirst()
			.orElseThrow()
			.eventId();
		awaitDelivery(published);

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
		awaitDelivery(eventOf("posts.updated", id));
		assertThat(this.analytics.count(PostStatus.PUBLISHED)).isEqualTo(before);

		publishPost(id);
		awaitDelivery(eventOf("posts.updated", id));

		assertThat(this.analytics.count(PostStatus.PUBLISHED)).isEqualTo(before + 1);
	}

	@Test
	void searchFindsPublishedPostsUntilTheyAreDeleted() {
		long id = createPost("Zeppelins over Lisbon");
		awaitDelivery(eventOf("posts.created", id));
		assertThat(this.mvc.get().uri("/api/search?q=zeppelins").with(editor())).bodyJson().isEqualTo("[]");

		publishPost(id);
		awaitDelivery(eventOf("posts.updated", id));
		assertThat(this.mvc.get().uri("/api/search?q=Lisbon zeppelins").with(editor())).hasStatusOk()
			.bodyJson()
			.isEqualTo("[{\"id\": " + id
					+ ", \"title\": \"Zeppelins over Lisbon\", \"slug\": \"zeppelins-over-lisbon\"}]");

		assertThat(this.mvc.delete().uri("/api/posts/{id}", id).with(editor())).hasStatus(204);
		awaitDelivery(eventOf("posts.deleted", id));
		assertThat(this.mvc.get().uri("/api/search?q=zeppelins").with(editor())).bodyJson().isEqualTo("[]");
	}

}
