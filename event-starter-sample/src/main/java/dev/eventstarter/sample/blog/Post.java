package dev.eventstarter.sample.blog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.eventstarter.Tracked;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A blog post. Its events carry every column; the author appears as its id, and the tags
 * and comments, being collections, are left out.
 */
@Entity
@Table(name = "posts")
@Tracked(resource = "posts")
public class Post {

	@Id
	@GeneratedValue
	private Long id;

	@Column(nullable = false, length = 200)
	private String title;

	@Column(nullable = false, unique = true, length = 80)
	private String slug;

	@Column(length = 10_000)
	private String body;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private PostStatus status = PostStatus.DRAFT;

	private Instant publishedAt;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "author_id")
	private Author author;

	@ElementCollection
	@CollectionTable(name = "post_tags", joinColumns = @JoinColumn(name = "post_id"))
	@Column(name = "tag", length = 30)
	@OrderBy
	private Set<String> tags = new TreeSet<>();

	@OneToMany(mappedBy = "post", cascade = CascadeType.REMOVE)
	private List<Comment> comments = new ArrayList<>();

	@Version
	private long version;

	protected Post() {
	}

	public Post(Author author, String title, String slug, String body) {
		this.author = author;
		this.title = title;
		this.slug = slug;
		this.body = body;
	}

	/**
	 * Publish the post.
	 * @param now the publication time
	 * @throws IllegalStateException if it is published already
	 */
	public void publish(Instant now) {
		if (this.status == PostStatus.PUBLISHED) {
			throw new IllegalStateException("Post " + this.id + " was published at " + this.publishedAt);
		}
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

	public String getSlug() {
		return this.slug;
	}

	public void setSlug(String slug) {
		this.slug = slug;
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

	public Author getAuthor() {
		return this.author;
	}

	public Set<String> getTags() {
		return this.tags;
	}

	public void setTags(Collection<String> tags) {
		this.tags.clear();
		this.tags.addAll(tags);
	}

	public long getVersion() {
		return this.version;
	}

}
