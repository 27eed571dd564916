package dev.eventstarter.sample.blog;

import java.time.Instant;
import java.util.List;

/**
 * A post as the API shows it.
 *
 * @param id the post id
 * @param title the title
 * @param slug the URL name
 * @param body the text
 * @param status draft or published
 * @param publishedAt when it was published, or {@code null}
 * @param author who wrote it
 * @param tags its tags, sorted
 * @param comments how many comments it has
 * @param version its optimistic-locking version
 */
public record PostView(Long id, String title, String slug, String body, PostStatus status, Instant publishedAt,
		AuthorView author, List<String> tags, long comments, long version) {

	static PostView of(Post post, long comments) {
		return new PostView(post.getId(), post.getTitle(), post.getSlug(), post.getBody(), post.getStatus(),
				post.getPublishedAt(), AuthorView.of(post.getAuthor()), List.copyOf(post.getTags()), comments,
				post.getVersion());
	}

}
