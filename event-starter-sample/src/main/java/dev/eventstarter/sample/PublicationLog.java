package dev.eventstarter.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.OnEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Reacts to status changes of posts, after commit, at least once: a durable subscriber.
 */
@Component
class PublicationLog {

	private static final Log logger = LogFactory.getLog(PublicationLog.class);

	private final List<String> entries = new CopyOnWriteArrayList<>();

	@OnEvent(value = "posts.updated", fields = "status")
	void statusChanged(Post post) {
		String entry = "post " + post.getId() + " \"" + post.getTitle() + "\" is now " + post.getStatus();
		this.entries.add(entry);
		logger.info(entry);
	}

	List<String> entries() {
		return List.copyOf(this.entries);
	}

}
