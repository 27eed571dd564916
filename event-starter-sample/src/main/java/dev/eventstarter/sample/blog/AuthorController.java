package dev.eventstarter.sample.blog;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The authors, read only: each is created with its user's first post or comment.
 */
@RestController
class AuthorController {

	private final AuthorRepository authors;

	AuthorController(AuthorRepository authors) {
		this.authors = authors;
	}

	@GetMapping("/api/authors")
	List<AuthorView> list() {
		return this.authors.findAll(Sort.by("id")).stream().map(AuthorView::of).toList();
	}

}
