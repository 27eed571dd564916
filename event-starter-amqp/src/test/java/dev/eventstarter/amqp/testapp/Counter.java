package dev.eventstarter.amqp.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A counter: each change is a {@code counters.*} event of the resource {@code counters}
 * and its id.
 */
@Entity
@Table(name = "counters")
public class Counter {

	@Id
	private String id;

	private int count;

	protected Counter() {
		this.id = "";
	}

	public Counter(String id) {
		this.id = id;
	}

	public String getId() {
		return this.id;
	}

	public int getCount() {
		return this.count;
	}

	public void increment() {
		this.count++;
	}

}
