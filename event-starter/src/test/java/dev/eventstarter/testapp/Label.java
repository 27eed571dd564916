package dev.eventstarter.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.SoftDelete;

@Entity
@Table(name = "labels")
@SoftDelete
public class Label {

	@Id
	private Long id;

	private String name;

	protected Label() {
	}

	public Label(Long id, String name) {
		this.id = id;
		this.name = name;
	}

	public Long getId() {
		return this.id;
	}

}
