package dev.eventstarter.sample;

import java.time.Instant;

import dev.eventstarter.Tracked;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "posts")
@Tracked(resource = "posts")
public class Post {

	@Id
	@GeneratedValue
	private Long id;

	private String title;

	private String body;

	@Enumerated(EnumType.STRING)
	private PostStatus status = PostStatus.DRAFT;

	private Instant publishedAt;

	@Version
	private long version;

	protected Post() {
	}

	public Post(String title, String body) {
		this.title = title;
		this.body = body;
	}

	public void publish(Instant now) {
		this.status = PostStatus.PUBLISHED;
		this.publishedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getBody() {
		return this.body;
	}

	public void setBody(String body) {
		this.body = body;
	}

	public PostStatus getStatus() {
		return this.status;
	}

	public Instant getPublishedAt() {
		return this.publishedAt;
	}

	public long getVersion() {
		return this.version;
	}

}
