package dev.eventstarter.actuate.opsapp;

import dev.eventstarter.Masked;
import dev.eventstarter.Tracked;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "ops_tickets")
@Tracked(resource = "tickets")
public class Ticket {

	@Id
	@GeneratedValue
	private Long id;

	private String title;

	@Masked
	private String accessCode;

	protected Ticket() {
	}

	public Ticket(String title, String accessCode) {
		this.title = title;
		this.accessCode = accessCode;
	}

	public Long getId() {
		return this.id;
	}

	public void setTitle(String title) {
		this.title = title;
	}

}
