package dev.eventstarter.sample.blog;

import java.time.Instant;

/**
 * A comment as the API shows it.
 *
 * @param id the comment id
 * @param postId the post it belongs to
 * @param author who wrote it
 * @param body the text
 * @param createdAt when it was written
 * @param version its optimistic-locking version
 */
public record CommentView(Long id, Long postId, AuthorView author, String body, Instant createdAt, long version) {

	static CommentView of(Comment comment) {
		return new CommentView(comment.getId(), comment.getPost().getId(), AuthorView.of(comment.getAuthor()),
				comment.getBody(), comment.getCreatedAt(), comment.getVersion());
	}

}
