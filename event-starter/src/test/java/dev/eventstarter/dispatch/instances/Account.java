package dev.eventstarter.dispatch.instances;

import dev.eventstarter.Tracked;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A record several instances change at once, each change under the row's lock.
 */
@Entity
@Table(name = "instance_accounts")
@Tracked(resource = "accounts")
public class Account {

	@Id
	private Long id;

	private long balance;

	protected Account() {
	}

	public Account(long id) {
		this.id = id;
	}

	public void deposit(long amount) {
		this.balance += amount;
	}

}
