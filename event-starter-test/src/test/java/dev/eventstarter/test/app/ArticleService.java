package dev.eventstarter.test.app;

import java.util.Map;

import dev.eventstarter.EventBus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ArticleService {

	private final Articles articles;

	private final EventBus bus;

	ArticleService(Articles articles, EventBus bus) {
		this.articles = articles;
		this.bus = bus;
	}

	@Transactional
	public Article write(String title) {
		return this.articles.save(new Article(title));
	}

	/**
	 * Publishes an article and tells the newsletter, in one transaction.
	 */
	@Transactional
	public void publish(long id) {
		Article article = this.articles.findById(id).orElseThrow();
		article.publish();
		this.bus.emit("newsletter.requested", Map.of("articleId", id, "title", article.getTitle()));
	}

	@Transactional
	public void retitle(long id, String title) {
		this.articles.findById(id).orElseThrow().setTitle(title);
	}

}
