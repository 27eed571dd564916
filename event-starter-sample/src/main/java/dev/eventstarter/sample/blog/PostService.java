package dev.eventstarter.sample.blog;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.eventstarter.EventBus;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads posts. Nothing here records events: the starter captures every change
 * of the entities, and {@link #publish} adds the custom event {@code posts.published} to
 * the same transaction.
 */
@Service
@Transactional
public class PostService {

	/**
	 * The cache of {@link #find} results, evicted after commit by
	 * {@code PostCacheEviction}.
	 */
	public static final String CACHE = "posts";

	private final PostRepository posts;

	private final CommentRepository comments;

	private final Authors authors;

	private final EventBus events;

	private final Clock clock;

	PostService(PostRepository posts, CommentRepository comments, Authors authors, EventBus events) {
		this.posts = posts;
		this.comments = comments;
		this.authors = authors;
		this.events = events;
		this.clock = Clock.systemUTC();
	}

	@Transactional(readOnly = true)
	public List<PostView> list() {
		return this.posts.findAllByOrderByIdDesc()
			.stream()
			.map((post) -> PostView.of(post, this.comments.countByPostId(post.getId())))
			.toList();
	}

	@Transactional(readOnly = true)
	@Cacheable(cacheNames = CACHE, key = "#id")
	public PostView find(long id) {
		return view(post(id));
	}

	public PostView create(PostRequest request, String username) {
		String slug = (request.slug() != null) ? request.slug() : freeSlug(Slugs.of(request.title()));
		if (request.slug() != null && this.posts.existsBySlug(slug)) {
			throw new ConflictException("The slug '" + slug + "' is taken by another post");
		}
		Post post = new Post(this.authors.of(username), request.title(), slug, request.body());
		post.setTags(request.tags());
		return view(this.posts.save(post));
	}

	public PostView update(long id, PostRequest request) {
		Post post = post(id);
		if (request.slug() != null && !request.slug().equals(post.getSlug())) {
			if (this.posts.existsBySlugAndIdNot(request.slug(), id)) {
				throw new ConflictException("The slug '" + request.slug() + "' is taken by another post");
			}
			post.setSlug(request.slug());
		}
		post.setTitle(request.title());
		post.setBody(request.body());
		post.setTags(request.tags());
		this.posts.flush();
		return view(post);
	}

	public PostView publish(long id) {
		Post post = post(id);
		if (post.getStatus() == PostStatus.PUBLISHED) {
			throw new ConflictException("Post " + id + " was published at " + post.getPublishedAt());
		}
		// the databases keep microseconds: the answer, the event and later reads then
		// agree
		post.publish(this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.events.emit(PostPublished.TYPE, new PostPublished(id, post.getTitle(), post.getSlug(),
				post.getAuthor().getName(), post.getPublishedAt()));
		this.posts.flush();
		return view(post);
	}

	public void delete(long id) {
		this.posts.delete(post(id));
	}

	Post post(long id) {
		return this.posts.findById(id).orElseThrow(() -> new ResourceNotFoundException("post", id));
	}

	private PostView view(Post post) {
		return PostView.of(post, (post.getId() != null) ? this.comments.countByPostId(post.getId()) : 0);
	}

	private String freeSlug(String base) {
		String slug = base;
		for (int n = 2; this.posts.existsBySlug(slug); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

}
