package dev.eventstarter.sample.blog;

/**
 * An author as the API shows it; the e-mail address stays private.
 *
 * @param id the author id
 * @param username the user the author belongs to
 * @param name the display name
 */
public record AuthorView(Long id, String username, String name) {

	static AuthorView of(Author author) {
		return new AuthorView(author.getId(), author.getUsername(), author.getName());
	}

}
