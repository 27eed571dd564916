package dev.eventstarter.sample.subscribers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.sample.blog.Post;
import dev.eventstarter.sample.blog.PostRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Announces new posts to a partner site, which refuses, for the demo, any post titled
 * "fail". Such a delivery fails, is retried (after about 1 s, then 2 s) and is dead after
 * three attempts; the actuator lists it under {@code /actuator/events/dead}. Rename the
 * post and retry the event ({@code POST /actuator/events/{eventId}}): the partner reads
 * the current title, and the delivery succeeds.
 */
@Component
class PartnerFeed {

	static final String REJECTED_TITLE = "fail";

	private static final Log logger = LogFactory.getLog(PartnerFeed.class);

	private final PostRepository posts;

	private final List<Long> announced = new CopyOnWriteArrayList<>();

	PartnerFeed(PostRepository posts) {
		this.posts = posts;
	}

	@OnEvent(value = "posts.created", id = "partner-feed", maxAttempts = 3)
	void announce(Event event) {
		long id = Long.parseLong(event.resourceId());
		String title = this.posts.findById(id).map(Post::getTitle).orElse(null);
		if (title == null) {
			return;
		}
		if (title.strip().equalsIgnoreCase(REJECTED_TITLE)) {
			String refusal = "The partner site refused post " + id + ": its title is \"" + title + "\"";
			// the starter records the error with the delivery but logs failed attempts at
			// DEBUG only, so say it here
			logger.warn(refusal);
			throw new IllegalStateException(refusal);
		}
		this.announced.add(id);
		logger.info("Announced post " + id + " to the partner site");
	}

	List<Long> announced() {
		return List.copyOf(this.announced);
	}

}
