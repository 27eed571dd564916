package dev.eventstarter.sample.blog;

import java.time.Instant;

/**
 * The payload of the custom event {@code posts.published}, emitted in the transaction
 * that publishes a post.
 *
 * @param postId the post id
 * @param title its title
 * @param slug its URL name
 * @param author the author's display name
 * @param publishedAt when it was published
 */
public record PostPublished(long postId, String title, String slug, String author, Instant publishedAt) {

	/**
	 * The event type.
	 */
	public static final String TYPE = "posts.published";

}
