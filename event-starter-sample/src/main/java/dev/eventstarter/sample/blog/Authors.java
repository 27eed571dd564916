package dev.eventstarter.sample.blog;

import dev.eventstarter.sample.SampleProperties;

import org.springframework.stereotype.Component;

/**
 * Finds the author a signed-in user writes as, creating it on their first post or comment
 * (in the same transaction, so its {@code authors.created} event shares the post's
 * transaction id).
 */
@Component
class Authors {

	private final AuthorRepository authors;

	private final SampleProperties properties;

	Authors(AuthorRepository authors, SampleProperties properties) {
		this.authors = authors;
		this.properties = properties;
	}

	Author of(String username) {
		return this.authors.findByUsername(username).orElseGet(() -> this.authors.save(create(username)));
	}

	private Author create(String username) {
		return this.properties.user(username)
			.map((user) -> new Author(username, user.name(), user.email()))
			.orElseGet(() -> new Author(username, username, null));
	}

}
