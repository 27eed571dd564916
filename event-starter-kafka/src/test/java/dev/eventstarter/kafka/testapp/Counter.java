package dev.eventstarter.kafka.testapp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A value many transactions increment: resource {@code counters}.
 */
@Entity
@Table(name = "counters")
public class Counter {

	@Id
	private Long id;

	@Column(name = "counter_value")
	private int value;

	protected Counter() {
	}

	public Counter(Long id) {
		this.id = id;
	}

	public int getValue() {
		return this.value;
	}

	public void increment() {
		this.value++;
	}

}
