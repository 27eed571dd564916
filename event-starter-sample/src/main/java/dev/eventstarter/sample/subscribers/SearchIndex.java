package dev.eventstarter.sample.subscribers;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.sample.blog.PostStatus;

import org.springframework.stereotype.Component;

/**
 * A small full-text index of published posts, kept up to date from their events.
 * {@code ordered = true} makes the events of one post arrive strictly in order, so a
 * deletion can never be overtaken by the publication before it; events of different posts
 * still flow in parallel. The index lives in memory and only knows what was published
 * since startup; a real one would live in a search engine.
 */
@Component
class SearchIndex {

	private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

	@OnEvent(value = { "posts.created", "posts.updated", "posts.deleted" }, ordered = true, id = "search-index")
	void apply(Event event) {
		long id = Long.parseLong(event.resourceId());
		PostState post = event.payload(PostState.class);
		if (event.eventType().equals("posts.deleted") || post.status() != PostStatus.PUBLISHED) {
			this.entries.remove(id);
		}
		else {
			this.entries.put(id, new Entry(new Hit(id, post.title(), post.slug()),
					words(post.title() + " " + post.slug() + " " + ((post.body() != null) ? post.body() : ""))));
		}
	}

	/**
	 * The published posts that contain every word of a query.
	 * @param query the words
	 * @return the matching posts, newest first
	 */
	List<Hit> search(String query) {
		Set<String> words = words(query);
		return this.entries.values()
			.stream()
			.filter((entry) -> entry.words().containsAll(words))
			.map(Entry::hit)
			.sorted(Comparator.comparing(Hit::id).reversed())
			.toList();
	}

	private static Set<String> words(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter((word) -> !word.isEmpty())
			.collect(Collectors.toSet());
	}

	/**
	 * A post found by a search.
	 *
	 * @param id the post id
	 * @param title its title
	 * @param slug its URL name
	 */
	record Hit(long id, String title, String slug) {

	}

	private record Entry(Hit hit, Set<String> words) {

	}

}
