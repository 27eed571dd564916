package dev.eventstarter.sample.blog;

import java.security.Principal;
import java.util.List;

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
 * Comments over HTTP: listed and written under their post, changed and deleted by id.
 */
@RestController
@RequestMapping("/api")
class CommentController {

	private final CommentService comments;

	CommentController(CommentService comments) {
		this.comments = comments;
	}

	@GetMapping("/posts/{postId}/comments")
	List<CommentView> list(@PathVariable long postId) {
		return this.comments.list(postId);
	}

	@PostMapping("/posts/{postId}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	CommentView create(@PathVariable long postId, @Valid @RequestBody CommentRequest request, Principal user) {
		return this.comments.create(postId, request, user.getName());
	}

	@GetMapping("/comments/{id}")
	CommentView get(@PathVariable long id) {
		return this.comments.find(id);
	}

	@PutMapping("/comments/{id}")
	CommentView update(@PathVariable long id, @Valid @RequestBody CommentRequest request) {
		return this.comments.update(id, request);
	}

	@DeleteMapping("/comments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.comments.delete(id);
	}

}
