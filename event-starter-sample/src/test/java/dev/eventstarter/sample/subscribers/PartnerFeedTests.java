package dev.eventstarter.sample.subscribers;

import java.time.Duration;
import java.util.UUID;

import dev.eventstarter.sample.SampleTestSupport;
import dev.eventstarter.test.EventDeliveries;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failing subscriber shows the retry and dead-letter path: three attempts, then a
 * dead delivery in the actuator, which an admin retries once the post is fixed.
 */
class PartnerFeedTests extends SampleTestSupport {

	@Autowired
	PartnerFeed partnerFeed;

	@Autowired
	EventDeliveries deliveries;

	@Test
	void postTitledFailEndsDeadAndSucceedsWhenRetriedAfterARename() {
		long id = createPost("fail");
		UUID created = eventOf("posts.created", id);

		// three attempts, each made due by the clock: partner-feed has maxAttempts = 3
		this.bus.drain();
		assertThat(this.deliveries.of(created, "partner-feed").attempts()).isEqualTo(1);
		this.clock.advance(Duration.ofHours(1));
		this.bus.drain();
		this.clock.advance(Duration.ofHours(1));
		this.bus.drain();

		assertThat(this.deliveries.of(created, "partner-feed").isDead()).isTrue();
		assertThat(this.mvc.get().uri("/actuator/events/dead").with(admin())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.deliveries[?(@.eventId == '" + created + "')]")
			.asArray()
			.singleElement()
			.asString()
			.contains("subscriber=partner-feed", "attempts=3",
					"The partner site refused post " + id + ": its title is \"fail\"");
		assertThat(this.bus.awaitDelivery(created, Duration.ZERO)).isFalse();
		assertThat(this.partnerFeed.announced()).doesNotContain(id);

		assertThat(this.mvc.put()
			.uri("/api/posts/{id}", id)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"Fixed\"}")).hasStatusOk();
		assertThat(this.mvc.post().uri("/actuator/events/{eventId}", created).with(admin())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"eventId\": \"" + created + "\", \"deliveries\": 1, \"undispatched\": false}");

		deliver(created);
		assertThat(this.partnerFeed.announced()).contains(id);
		assertThat(this.mvc.get().uri("/actuator/events/dead").with(admin())).bodyJson()
			.extractingPath("$.deliveries[*].eventId")
			.asArray()
			.doesNotContain(created.toString());
	}

	@Test
	void otherPostsAreAnnouncedAtOnce() {
		long id = createPost("Not a failure");

		deliver(eventOf("posts.created", id));

		assertThat(this.partnerFeed.announced()).contains(id);
	}

}
