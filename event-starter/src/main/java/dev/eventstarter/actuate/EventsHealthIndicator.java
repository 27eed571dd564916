package dev.eventstarter.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.eventstarter.actuate.EventBacklog.Summary;
import dev.eventstarter.store.HeldBack;
import dev.eventstarter.store.VisibilityHorizon;
import dev.eventstarter.store.WalRelay;
import dev.eventstarter.store.WalSlot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the event tables: UP with the backlog in its details while they can be read,
 * DOWN only when they cannot. A growing backlog is reported, not turned into DOWN: it
 * means subscribers are slow or failing, and restarting the application would not help.
 */
class EventsHealthIndicator extends AbstractHealthIndicator {

	private final EventBacklog backlog;

	private final VisibilityHorizon horizon;

	private final @Nullable WalRelay relay;

	private final long maxRetained;

	EventsHealthIndicator(EventBacklog backlog, VisibilityHorizon horizon, @Nullable WalRelay relay, long maxRetained) {
		super("The event tables cannot be read");
		this.backlog = backlog;
		this.horizon = horizon;
		this.relay = relay;
		this.maxRetained = maxRetained;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Summary summary = this.backlog.summary();
		Instant oldest = summary.oldestUndispatchedAt();
		builder.up()
			.withDetail("undispatched", summary.undispatched())
			.withDetail("oldestUndispatchedAge",
					(oldest != null) ? Duration.between(oldest, summary.at()).toString() : "none")
			.withDetail("lag", summary.lag().toString())
			.withDetail("failed", summary.failed())
			.withDetail("dead", summary.dead());
		HeldBack heldBack = this.horizon.heldBack();
		if (heldBack != null) {
			// reported, not DOWN: the transaction is the application's or another's, and
			// nothing is lost while it runs
			builder.withDetail("heldBackSince", heldBack.since())
				.withDetail("heldBackBy", EventsEndpoint.HeldBackBy.of(heldBack, summary.at()));
		}
		if (this.relay != null) {
			walSlot(builder, this.relay);
		}
	}

	/**
	 * DOWN when the slot is gone (events committed since are lost, and the write path
	 * must not go on silently) or keeps more WAL than allowed (the disk fills); a relay
	 * failure is a detail, since another instance may be relaying.
	 */
	private void walSlot(Health.Builder builder, WalRelay relay) {
		WalSlot.Lag lag = relay.slot().lag();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", relay.slot().name());
		details.put("relaying", relay.isLeading());
		if (lag == null) {
			details.put("error", "the replication slot does not exist");
			builder.down();
		}
		else {
			details.put("unconfirmedBytes", lag.unconfirmed());
			details.put("retainedBytes", lag.retained());
			if (lag.retained() > this.maxRetained) {
				details.put("error", "the slot keeps more WAL than events.store.wal.max-retained (" + this.maxRetained
						+ " bytes): is any instance relaying?");
				builder.down();
			}
		}
		String failure = relay.failure();
		if (failure != null) {
			details.put("relayFailure", failure);
		}
		builder.withDetail("walSlot", details);
	}

}
