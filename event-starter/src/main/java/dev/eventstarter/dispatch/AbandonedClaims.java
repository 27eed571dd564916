package dev.eventstarter.dispatch;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The claims of rounds that failed, most likely in a database outage: given back once the
 * database answers again, since their leases would otherwise hold the work back until
 * they expire. A claim whose lease has expired may belong to another instance by now, and
 * is left alone.
 */
final class AbandonedClaims {

	private final Queue<Abandoned> abandoned = new ConcurrentLinkedQueue<>();

	void add(Instant leaseEnd, Runnable release) {
		this.abandoned.add(new Abandoned(leaseEnd, release));
	}

	void releaseAll(Instant now) {
		Abandoned claim;
		while ((claim = this.abandoned.poll()) != null) {
			if (now.isBefore(claim.leaseEnd())) {
				try {
					claim.release().run();
				}
				catch (RuntimeException ex) {
					// still out of reach: try again with the next round
					this.abandoned.add(claim);
					throw ex;
				}
			}
		}
	}

	private record Abandoned(Instant leaseEnd, Runnable release) {

	}

}
