package dev.eventstarter.benchmarks;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The entity every write of the benchmark inserts or changes.
 */
@Entity
@Table(name = "orders")
public class Order {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "orders_seq")
	@SequenceGenerator(name = "orders_seq", sequenceName = "orders_seq", allocationSize = 50)
	private Long id;

	private String customer;

	private BigDecimal total;

	private String status;

	private String note;

	@Version
	private long version;

	protected Order() {
	}

	Order(String customer, BigDecimal total, String note) {
		this.customer = customer;
		this.total = total;
		this.status = "NEW";
		this.note = note;
	}

	public Long getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

	public BigDecimal getTotal() {
		return this.total;
	}

	public String getStatus() {
		return this.status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public String getNote() {
		return this.note;
	}

	public long getVersion() {
		return this.version;
	}

}
