package dev.eventstarter.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What has held the settled horizon back for longer than
 * {@code events.dispatch.held-back-warning}: the transactions that took {@code _events}
 * ids and have not ended, and the ids waiting for them. Ordered deliveries and the SSE
 * stream wait for those ids; nothing is skipped.
 *
 * @param since when the horizon began waiting for these transactions
 * @param firstWaitingId the first id that waits: the one after the settled horizon
 * @param lastAllocatedId the last id handed out when the horizon began waiting
 * @param blockers the transactions, longest-running first
 */
public record HeldBack(Instant since, long firstWaitingId, long lastAllocatedId, List<Blocker> blockers) {

	public HeldBack {
		blockers = List.copyOf(blockers);
	}

	/**
	 * The transaction running longest, or {@code null} when it ended meanwhile.
	 * @return the blocker
	 */
	public @Nullable Blocker oldest() {
		return this.blockers.isEmpty() ? null : this.blockers.get(0);
	}

	/**
	 * Describe it in one line for the log.
	 * @param now the current time
	 * @return the description
	 */
	public String describe(Instant now) {
		StringBuilder line = new StringBuilder("Ordered deliveries and the SSE stream have waited ")
			.append(seconds(Duration.between(this.since, now)))
			.append(" for ids ")
			.append(this.firstWaitingId)
			.append(" to ")
			.append(this.lastAllocatedId)
			.append(", which ")
			.append((this.blockers.size() == 1) ? "a transaction" : this.blockers.size() + " transactions")
			.append(" took and did not commit or roll back: ");
		if (this.blockers.isEmpty()) {
			line.append("(it ended meanwhile)");
		}
		for (int i = 0; i < this.blockers.size(); i++) {
			line.append((i > 0) ? "; " : "").append(this.blockers.get(i).describe(now));
		}
		return line.append(". Nothing is skipped: they are delivered, in id order, once it ends.").toString();
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() / 100) / 10.0 + "s";
	}

	/**
	 * A transaction holding ids back.
	 *
	 * @param pid the database backend's process id, or {@code null} when the database has
	 * none (an embedded one)
	 * @param applicationName the backend's application name, or this JVM's thread
	 * @param state the backend's state, such as {@code idle in transaction}
	 * @param transactionStart when its transaction began, or {@code null} when not known
	 */
	public record Blocker(@Nullable Integer pid, @Nullable String applicationName, @Nullable String state,
			@Nullable Instant transactionStart) {

		/**
		 * How long its transaction has run.
		 * @param now the current time
		 * @return the age, or {@code null} when not known
		 */
		public @Nullable Duration transactionAge(Instant now) {
			return (this.transactionStart != null) ? Duration.between(this.transactionStart, now) : null;
		}

		String describe(Instant now) {
			StringBuilder text = new StringBuilder();
			if (this.pid != null) {
				text.append("backend pid ").append(this.pid).append(", ");
			}
			text.append("application '")
				.append(this.applicationName)
				.append("', state '")
				.append(this.state)
				.append('\'');
			Duration age = transactionAge(now);
			if (age != null) {
				text.append(", in its transaction for ").append(seconds(age));
			}
			return text.toString();
		}

	}

}
