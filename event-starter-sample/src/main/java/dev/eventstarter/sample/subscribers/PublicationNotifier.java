package dev.eventstarter.sample.subscribers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.OnEvent;
import dev.eventstarter.sample.blog.PostPublished;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Tells readers about a new post when the custom event {@code posts.published} arrives,
 * mapped to its payload record. A real application would send mail here; the sample logs
 * and keeps the notifications. Durable delivery means at least once: a real sender would
 * remember the event ids it has sent.
 */
@Component
class PublicationNotifier {

	private static final Log logger = LogFactory.getLog(PublicationNotifier.class);

	private final List<String> sent = new CopyOnWriteArrayList<>();

	@OnEvent(value = PostPublished.TYPE, id = "publication-notifier")
	void notifyReaders(PostPublished published) {
		String notification = "New on the blog: \"" + published.title() + "\" by " + published.author() + " (/posts/"
				+ published.slug() + ")";
		this.sent.add(notification);
		logger.info(notification);
	}

	List<String> sent() {
		return List.copyOf(this.sent);
	}

}
