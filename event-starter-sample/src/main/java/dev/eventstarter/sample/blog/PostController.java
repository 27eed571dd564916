package dev.eventstarter.sample.blog;

import java.security.Principal;
import java.util.List;

import dev.eventstarter.EventStore;
import dev.eventstarter.sample.live.EventView;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Posts over HTTP. Nothing here mentions events except {@code history}: every write is
 * captured by the starter.
 */
@RestController
@RequestMapping("/api/posts")
class PostController {

	private final PostService posts;

	private final EventStore events;

	PostController(PostService posts, EventStore events) {
		this.posts = posts;
		this.events = events;
	}

	@GetMapping
	List<PostView> list() {
		return this.posts.list();
	}

	@GetMapping("/{id}")
	PostView get(@PathVariable long id) {
		return this.posts.find(id);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	PostView create(@Valid @RequestBody PostRequest request, Principal user) {
		return this.posts.create(request, user.getName());
	}

	@PutMapping("/{id}")
	PostView update(@PathVariable long id, @Valid @RequestBody PostRequest request) {
		return this.posts.update(id, request);
	}

	@PostMapping("/{id}/publish")
	PostView publish(@PathVariable long id) {
		return this.posts.publish(id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.posts.delete(id);
	}

	@GetMapping("/{id}/history")
	List<EventView> history(@PathVariable long id) {
		this.posts.find(id);
		return this.events.history("posts", id).stream().map(EventView::of).toList();
	}

}
