package dev.eventstarter.testapp;

import dev.eventstarter.Untracked;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "audit_notes")
@Untracked
public class AuditNote {

	@Id
	@GeneratedValue
	private Long id;

	private String text;

	protected AuditNote() {
	}

	public AuditNote(String text) {
		this.text = text;
	}

	public Long getId() {
		return this.id;
	}

}
