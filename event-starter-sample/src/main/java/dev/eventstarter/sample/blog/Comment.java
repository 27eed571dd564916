package dev.eventstarter.sample.blog;

import java.time.Instant;

import dev.eventstarter.Tracked;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A comment on a post. Its events name the post and the author by id.
 */
@Entity
@Table(name = "comments")
@Tracked(resource = "comments")
public class Comment {

	@Id
	@GeneratedValue
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "post_id")
	private Post post;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "author_id")
	private Author author;

	@Column(nullable = false, length = 2000)
	private String body;

	@Column(nullable = false)
	private Instant createdAt;

	@Version
	private long version;

	protected Comment() {
	}

	public Comment(Post post, Author author, String body, Instant createdAt) {
		this.post = post;
		this.author = author;
		this.body = body;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public Post getPost() {
		return this.post;
	}

	public Author getAuthor() {
		return this.author;
	}

	public String getBody() {
		return this.body;
	}

	public void setBody(String body) {
		this.body = body;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public long getVersion() {
		return this.version;
	}

}
