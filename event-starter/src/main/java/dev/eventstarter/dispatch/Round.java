package dev.eventstarter.dispatch;

/**
 * What one round did.
 *
 * @param claimed events or delivery rows claimed
 * @param deliveries handler calls made
 */
record Round(int claimed, int deliveries) {

	static final Round NONE = new Round(0, 0);

	Round plus(Round other) {
		return new Round(this.claimed + other.claimed, this.deliveries + other.deliveries);
	}

}
