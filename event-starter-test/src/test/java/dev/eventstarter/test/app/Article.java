package dev.eventstarter.test.app;

import dev.eventstarter.Tracked;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
@Tracked(resource = "articles")
public class Article {

	@Id
	@GeneratedValue
	private Long id;

	private String title;

	@Enumerated(EnumType.STRING)
	private ArticleStatus status = ArticleStatus.DRAFT;

	protected Article() {
	}

	public Article(String title) {
		this.title = title;
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

	public ArticleStatus getStatus() {
		return this.status;
	}

	public void publish() {
		this.status = ArticleStatus.PUBLISHED;
	}

	public enum ArticleStatus {

		DRAFT, PUBLISHED

	}

}
