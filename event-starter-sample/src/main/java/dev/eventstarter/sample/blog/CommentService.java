package dev.eventstarter.sample.blog;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads comments.
 */
@Service
@Transactional
public class CommentService {

	private final CommentRepository comments;

	private final PostService posts;

	private final Authors authors;

	private final Clock clock = Clock.systemUTC();

	CommentService(CommentRepository comments, PostService posts, Authors authors) {
		this.comments = comments;
		this.posts = posts;
		this.authors = authors;
	}

	@Transactional(readOnly = true)
	public List<CommentView> list(long postId) {
		this.posts.post(postId);
		return this.comments.findByPostIdOrderById(postId).stream().map(CommentView::of).toList();
	}

	@Transactional(readOnly = true)
	public CommentView find(long id) {
		return CommentView.of(comment(id));
	}

	public CommentView create(long postId, CommentRequest request, String username) {
		Post post = this.posts.post(postId);
		Comment comment = new Comment(post, this.authors.of(username), request.body(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		return CommentView.of(this.comments.save(comment));
	}

	public CommentView update(long id, CommentRequest request) {
		Comment comment = comment(id);
		comment.setBody(request.body());
		this.comments.flush();
		return CommentView.of(comment);
	}

	public void delete(long id) {
		this.comments.delete(comment(id));
	}

	private Comment comment(long id) {
		return this.comments.findById(id).orElseThrow(() -> new ResourceNotFoundException("comment", id));
	}

}
