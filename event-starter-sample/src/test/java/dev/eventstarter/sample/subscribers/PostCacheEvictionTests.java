package dev.eventstarter.sample.subscribers;

import dev.eventstarter.sample.SampleTestSupport;
import dev.eventstarter.sample.blog.PostService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code posts} cache is evicted right after each commit that changes a post or one
 * of its comments, before the response is sent.
 */
class PostCacheEvictionTests extends SampleTestSupport {

	@Autowired
	CacheManager cacheManager;

	@Test
	void changingAPostEvictsItFromTheCache() {
		long id = createPost("Cached");
		assertThat(this.mvc.get().uri("/api/posts/{id}", id).with(editor())).hasStatusOk();
		assertThat(cache().get(id)).isNotNull();

		assertThat(this.mvc.put()
			.uri("/api/posts/{id}", id)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"Cached, changed\"}")).hasStatusOk();

		assertThat(cache().get(id)).isNull();
		assertThat(this.mvc.get().uri("/api/posts/{id}", id).with(editor())).bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Cached, changed");
	}

	@Test
	void commentingEvictsThePostSoItsCommentCountIsFresh() {
		long id = createPost("Cached with comments");
		assertThat(this.mvc.get().uri("/api/posts/{id}", id).with(editor())).bodyJson()
			.extractingPath("$.comments")
			.isEqualTo(0);

		assertThat(this.mvc.post()
			.uri("/api/posts/{id}/comments", id)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"Evict me\"}")).hasStatus(201);

		assertThat(cache().get(id)).isNull();
		assertThat(this.mvc.get().uri("/api/posts/{id}", id).with(editor())).bodyJson()
			.extractingPath("$.comments")
			.isEqualTo(1);
	}

	@Test
	void readingDoesNotEvict() {
		long id = createPost("Cached and read");
		assertThat(this.mvc.get().uri("/api/posts/{id}", id).with(editor())).hasStatusOk();
		Object cached = cache().get(id).get();

		assertThat(this.mvc.get().uri("/api/posts/{id}", id).with(editor())).hasStatusOk();

		assertThat(cache().get(id).get()).isSameAs(cached);
	}

	private Cache cache() {
		return this.cacheManager.getCache(PostService.CACHE);
	}

}
