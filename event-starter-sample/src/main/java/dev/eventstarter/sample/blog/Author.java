package dev.eventstarter.sample.blog;

import dev.eventstarter.Masked;
import dev.eventstarter.Tracked;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Someone who writes posts and comments: one per signed-in user, created with their first
 * post or comment. The e-mail address is {@link Masked}: its events show {@code "***"}.
 */
@Entity
@Table(name = "authors")
@Tracked(resource = "authors")
public class Author {

	@Id
	@GeneratedValue
	private Long id;

	@Column(nullable = false, unique = true, length = 100)
	private String username;

	@Column(nullable = false, length = 200)
	private String name;

	@Masked
	@Column(length = 200)
	private String email;

	protected Author() {
	}

	public Author(String username, String name, String email) {
		this.username = username;
		this.name = name;
		this.email = email;
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getName() {
		return this.name;
	}

	public String getEmail() {
		return this.email;
	}

}
