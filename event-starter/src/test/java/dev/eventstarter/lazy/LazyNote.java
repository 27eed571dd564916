package dev.eventstarter.lazy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "lazy_notes")
public class LazyNote {

	@Id
	private Long id;

	private String text;

	protected LazyNote() {
	}

	public LazyNote(Long id, String text) {
		this.id = id;
		this.text = text;
	}

	public Long getId() {
		return this.id;
	}

	public String getText() {
		return this.text;
	}

}
