package dev.eventstarter.kafka.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity whose changes the routes send: resource {@code articles}.
 */
@Entity
@Table(name = "articles")
public class Article {

	@Id
	private Long id;

	private String title;

	protected Article() {
	}

	public Article(Long id, String title) {
		this.id = id;
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

}
