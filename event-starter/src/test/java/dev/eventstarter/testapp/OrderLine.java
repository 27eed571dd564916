package dev.eventstarter.testapp;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "order_lines")
public class OrderLine {

	@EmbeddedId
	private OrderLineId id;

	private int quantity;

	protected OrderLine() {
	}

	public OrderLine(OrderLineId id, int quantity) {
		this.id = id;
		this.quantity = quantity;
	}

	public OrderLineId getId() {
		return this.id;
	}

	public void setQuantity(int quantity) {
		this.quantity = quantity;
	}

}
