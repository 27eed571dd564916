package dev.eventstarter.sample;

import java.time.Clock;
import java.util.List;

import dev.eventstarter.EventQuery;
import dev.eventstarter.EventStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Posts over HTTP. Nothing here mentions events except the read endpoints: every write is
 * captured by the starter.
 */
@RestController
@RequestMapping("/api")
class PostController {

	private final PostRepository posts;

	private final EventStore events;

	private final Clock clock = Clock.systemUTC();

	PostController(PostRepository posts, EventStore events) {
		this.posts = posts;
		this.events = events;
	}

	@GetMapping("/posts")
	List<Post> list() {
		return this.posts.findAll();
	}

	@GetMapping("/posts/{id}")
	Post get(@PathVariable long id) {
		return find(id);
	}

	@PostMapping("/posts")
	@ResponseStatus(HttpStatus.CREATED)
	Post create(@Valid @RequestBody PostRequest request) {
		return this.posts.save(new Post(request.title(), request.body()));
	}

	@PutMapping("/posts/{id}")
	@Transactional
	Post update(@PathVariable long id, @Valid @RequestBody PostRequest request) {
		Post post = find(id);
		post.setTitle(request.title());
		post.setBody(request.body());
		return post;
	}

	@PostMapping("/posts/{id}/publish")
	@Transactional
	Post publish(@PathVariable long id) {
		Post post = find(id);
		post.publish(this.clock.instant());
		return post;
	}

	@DeleteMapping("/posts/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void delete(@PathVariable long id) {
		this.posts.delete(find(id));
	}

	@GetMapping("/posts/{id}/history")
	List<EventView> history(@PathVariable long id) {
		return this.events.history("posts", id).stream().map(EventView::of).toList();
	}

	@GetMapping("/events")
	List<EventView> events(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "50") int limit) {
		EventQuery query = EventQuery.builder().afterId(after).limit(limit).build();
		return this.events.query(query).stream().map(EventView::of).toList();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badArgument(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	private Post find(long id) {
		return this.posts.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No post with id " + id));
	}

	record PostRequest(@NotBlank @Size(max = 200) String title, @Size(max = 10_000) String body) {

	}

}
