package dev.eventstarter.testapp;

import dev.eventstarter.Masked;
import dev.eventstarter.Tracked;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "authors")
@Tracked(resource = "writers")
public class Author {

	@Id
	private Long id;

	private String name;

	@Masked
	private String email;

	@Embedded
	private Address address;

	protected Author() {
	}

	public Author(Long id, String name, String email, Address address) {
		this.id = id;
		this.name = name;
		this.email = email;
		this.address = address;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public Address getAddress() {
		return this.address;
	}

	public void setAddress(Address address) {
		this.address = address;
	}

}
