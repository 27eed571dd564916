package dev.eventstarter.test;

import java.util.List;
import java.util.UUID;

import dev.eventstarter.store.DatabasePlatform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * How the deliveries of an event to durable subscribers went: attempts, errors, dead
 * deliveries. Read from {@code _event_deliveries}, so it sees what every instance did.
 */
public final class EventDeliveries {

	private static final String OF_EVENT = """
			select d.subscriber, d.status, d.attempts, d.last_error, d.next_attempt_at
			from _event_deliveries d join _events e on e.id = d.event_id
			where e.event_id = :eventId
			order by d.subscriber""";

	private final JdbcClient jdbc;

	private final DatabasePlatform platform;

	EventDeliveries(JdbcClient jdbc, DatabasePlatform platform) {
		this.jdbc = jdbc;
		this.platform = platform;
	}

	/**
	 * The deliveries of an event that have a record: those that failed, waited or were
	 * retried. An event delivered to every subscriber at the first attempt has none.
	 * @param eventId the event id
	 * @return the deliveries, by subscriber name
	 */
	public List<DeliveryState> of(UUID eventId) {
		Assert.notNull(eventId, "eventId must not be null");
		return this.jdbc.sql(OF_EVENT)
			.param("eventId", this.platform.uuid(eventId))
			.query((rs, row) -> new DeliveryState(rs.getString("subscriber"), rs.getString("status"),
					rs.getInt("attempts"), rs.getString("last_error"), this.platform.instant(rs, "next_attempt_at")))
			.list();
	}

	/**
	 * The delivery of an event to one subscriber.
	 * @param eventId the event id
	 * @param subscriber the subscriber's name
	 * @return the delivery
	 * @throws AssertionError when it has no record, listing those it has
	 */
	public DeliveryState of(UUID eventId, String subscriber) {
		List<DeliveryState> deliveries = of(eventId);
		return deliveries.stream()
			.filter((delivery) -> delivery.subscriber().equals(subscriber))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Event " + eventId + " has no delivery record for subscriber '"
					+ subscriber + "' (a first attempt that succeeded leaves none); its records: " + deliveries));
	}

}
