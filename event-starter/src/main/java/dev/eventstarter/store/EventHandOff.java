package dev.eventstarter.store;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Passes the events a transaction writes straight to this instance's dispatcher, which
 * then delivers them from memory instead of claiming them back from the database. The
 * writer holds their rows in the work list for this instance until a given time, as a
 * lease would, so no other dispatcher takes them meanwhile; should this instance die
 * first, any dispatcher claims them once that time passed.
 */
public interface EventHandOff {

	/**
	 * No hand-off: every event is claimed.
	 */
	EventHandOff NONE = new EventHandOff() {

		@Override
		public @Nullable Instant holdUntil() {
			return null;
		}

		@Override
		public void written(List<PendingEvent> events, long[] ids, Instant heldUntil) {
		}

		@Override
		public void discard() {
		}

	};

	/**
	 * Called by the writer before it writes a transaction's events.
	 * @return until when to hold the events that are due now for this instance, or
	 * {@code null} to leave them to the claims of any dispatcher (none runs here, or it
	 * is behind)
	 */
	@Nullable Instant holdUntil();

	/**
	 * Called by the writer on the transaction's thread once it wrote events it holds;
	 * they are handed over only once their transaction commits.
	 * @param events the events held, each due now
	 * @param ids their {@code _events.id} values, in the same order
	 * @param heldUntil until when they are held
	 */
	void written(List<PendingEvent> events, long[] ids, Instant heldUntil);

	/**
	 * Forget what this thread wrote and did not commit: a writer that may fail between
	 * writing and committing, such as the WAL relay, calls it before it writes again.
	 */
	void discard();

}
