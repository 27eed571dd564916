package dev.eventstarter.tracing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric tag's values bounded: the first values seen are used as they are, and
 * any value beyond the limit becomes {@value #OTHER}. Event types are usually a fixed
 * set, but an application may build them from data.
 */
final class BoundedTagValues {

	static final String OTHER = "other";

	private final int limit;

	private final Set<String> values = ConcurrentHashMap.newKeySet();

	BoundedTagValues(int limit) {
		this.limit = limit;
	}

	String of(String value) {
		if (this.values.contains(value)) {
			return value;
		}
		if (this.values.size() < this.limit) {
			this.values.add(value);
			return value;
		}
		return OTHER;
	}

}
