package dev.eventstarter.sample.subscribers;

import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.sample.blog.PostService;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code posts} cache fresh: right after a transaction that changed a post, or
 * one of its comments (a post shows its comment count), commits, that post leaves the
 * cache. {@code AFTER_COMMIT} runs in this process, in the committing thread, and is
 * neither recorded nor retried: a cache of this instance needs nothing more.
 */
@Component
class PostCacheEviction {

	private final Cache posts;

	PostCacheEviction(CacheManager cacheManager) {
		this.posts = cacheManager.getCache(PostService.CACHE);
	}

	@OnEvent(value = { "posts.*", "comments.*" }, delivery = Delivery.AFTER_COMMIT)
	void evict(Event event) {
		Object postId = "posts".equals(event.resourceName()) ? event.resourceId() : commentedPost(event);
		if (postId != null) {
			this.posts.evict(Long.valueOf(postId.toString()));
		}
	}

	private static Object commentedPost(Event event) {
		if (event.newState() != null) {
			return event.newState().get("post");
		}
		return (event.oldState() != null) ? event.oldState().get("post") : null;
	}

}
