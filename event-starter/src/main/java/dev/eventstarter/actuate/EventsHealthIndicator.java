package dev.eventstarter.actuate;

import java.time.Duration;
import java.time.Instant;

import dev.eventstarter.actuate.EventBacklog.Summary;
import dev.eventstarter.store.HeldBack;
import dev.eventstarter.store.VisibilityHorizon;

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

	EventsHealthIndicator(EventBacklog backlog, VisibilityHorizon horizon) {
		super("The event tables cannot be read");
		this.backlog = backlog;
		this.horizon = horizon;
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
	}

}
