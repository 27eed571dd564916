package dev.eventstarter.benchmarks;

import java.math.BigDecimal;

/**
 * What a peer variant publishes for each write: the order's state after it, as the
 * starter's event carries it, so that every mechanism stores a payload of the same size.
 *
 * @param type {@code created} or {@code updated}
 * @param id the order's id
 * @param customer the customer
 * @param total the total
 * @param status the status
 * @param note the delivery note
 * @param version the version before the flush
 */
public record OrderChanged(String type, long id, String customer, BigDecimal total, String status, String note,
		long version) {

	static OrderChanged of(String type, Order order) {
		return new OrderChanged(type, order.getId(), order.getCustomer(), order.getTotal(), order.getStatus(),
				order.getNote(), order.getVersion());
	}

}
