package dev.eventstarter.dispatch.crash;

import dev.eventstarter.Tracked;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the crashing application writes.
 */
@Entity
@Table(name = "crash_items")
@Tracked(resource = "crash_items")
public class CrashItem {

	@Id
	private Long id;

	private String label;

	protected CrashItem() {
	}

	public CrashItem(long id, String label) {
		this.id = id;
		this.label = label;
	}

}
