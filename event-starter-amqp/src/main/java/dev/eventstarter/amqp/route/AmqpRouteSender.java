package dev.eventstarter.amqp.route;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.Event;
import dev.eventstarter.amqp.AmqpRoute;
import dev.eventstarter.dispatch.BatchSender;
import dev.eventstarter.store.EventDocuments;
import dev.eventstarter.store.EventJson;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.boot.convert.DurationStyle;

/**
 * Sends a dispatch round's events of one route: all published on one channel, so that a
 * queue receives the events of a resource in the order they come, then every publisher
 * confirmation awaited. An event is delivered once the broker acknowledged it without
 * returning it; a return (no queue took it, with {@code mandatory}), a negative
 * acknowledgement or the channel closing (an exchange that does not exist) fails it.
 * <p>
 * A channel that breaks while publishing takes the rest of the round to a new one, but
 * not the later events of a resource whose earlier ones went out on the broken channel:
 * their fate there is unknown until its confirmations arrive, and a later event must
 * never overtake an earlier one.
 */
final class AmqpRouteSender implements BatchSender {

	private final AmqpRoute route;

	private final RabbitOperations rabbit;

	private final EventJson eventJson;

	private final Duration confirmTimeout;

	AmqpRouteSender(AmqpRoute route, RabbitOperations rabbit, EventJson eventJson, Duration confirmTimeout) {
		this.route = route;
		this.rabbit = rabbit;
		this.eventJson = eventJson;
		this.confirmTimeout = confirmTimeout;
	}

	@Override
	public Map<UUID, Exception> send(List<Event> events) {
		Round round = new Round();
		List<Event> remaining = events;
		while (!remaining.isEmpty()) {
			List<Event> scope = remaining;
			try {
				remaining = this.rabbit.invoke((operations) -> publish(operations, scope, round));
			}
			catch (RuntimeException ex) {
				// no channel: nothing more of this round goes out
				DeliveryFailure failure = DeliveryFailure.retry("Could not open a channel to RabbitMQ: " + reason(ex));
				for (Event event : scope) {
					if (!round.settled(event)) {
						round.fail(event, failure);
					}
				}
				remaining = List.of();
			}
		}
		awaitConfirms(round);
		return round.failures;
	}

	/**
	 * Publish events on the channel of this scope until it breaks.
	 * @return the events still to publish on a new channel
	 */
	private List<Event> publish(RabbitOperations operations, List<Event> events, Round round) {
		Channel channel = operations.execute(AmqpRouteSender::target);
		Map<String, UUID> sentHere = new HashMap<>();
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			String resource = resource(event);
			String heldBack = (resource != null) ? round.heldBack.get(resource) : null;
			if (heldBack != null) {
				round.fail(event, DeliveryFailure.retry(heldBack));
				continue;
			}
			Outgoing outgoing;
			try {
				outgoing = outgoing(event);
			}
			catch (RuntimeException ex) {
				round.failAndHoldBack(event, resource, DeliveryFailure
					.retry("Route '" + this.route.name() + "' could not make a message of the event: " + ex));
				continue;
			}
			CorrelationData correlation = new CorrelationData(event.eventId().toString());
			try {
				operations.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
			}
			catch (RuntimeException ex) {
				round.failAndHoldBack(event, resource,
						DeliveryFailure.retry("Could not publish to " + outgoing + ": " + reason(ex)));
				// the channel is gone: resources with messages on it wait for their fate
				sentHere.forEach((sentResource, eventId) -> round.heldBack.putIfAbsent(sentResource, "Held back behind "
						+ "event " + eventId + " of the same resource, unconfirmed when its channel closed"));
				return events.subList(i + 1, events.size());
			}
			round.sent.add(new Sent(event, outgoing, correlation, channel));
			round.settled.add(event.eventId());
			if (resource != null) {
				sentHere.put(resource, event.eventId());
			}
		}
		return List.of();
	}

	private Outgoing outgoing(Event event) {
		String exchange = this.route.exchange(event);
		String routingKey = this.route.routingKey(event);
		if (exchange == null || routingKey == null) {
			throw new IllegalStateException(
					"the route gave " + ((exchange == null) ? "no exchange" : "no routing key"));
		}
		if (tooLong(exchange) || tooLong(routingKey)) {
			throw new IllegalStateException(
					"exchange '" + exchange + "' or routing key '" + routingKey + "' is longer than AMQP's 255 bytes");
		}
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(event.eventId().toString());
		properties.setContentType(EventDocuments.EVENT_CONTENT);
		properties.setContentEncoding(StandardCharsets.UTF_8.name());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setTimestamp(Date.from(event.createdAt()));
		EventDocuments.headers(event, EventDocuments.EVENT_CONTENT).forEach(properties::setHeader);
		byte[] body = this.eventJson.documentBytes(event);
		return new Outgoing(exchange, routingKey, new Message(body, properties));
	}

	private void awaitConfirms(Round round) {
		long deadline = System.nanoTime() + this.confirmTimeout.toNanos();
		boolean interrupted = false;
		for (Sent sent : round.sent) {
			Confirm confirm;
			try {
				long wait = interrupted ? 0 : Math.max(0, deadline - System.nanoTime());
				confirm = sent.correlation().getFuture().get(wait, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				// shutting down: what is confirmed by now counts, the rest is retried
				interrupted = true;
				round.fail(sent.event(), DeliveryFailure
					.retry("Stopped waiting for RabbitMQ to confirm " + sent.outgoing() + ": interrupted"));
				continue;
			}
			catch (TimeoutException ex) {
				round.fail(sent.event(),
						DeliveryFailure.retry("RabbitMQ did not confirm " + sent.outgoing() + " within "
								+ DurationStyle.SIMPLE.print(this.confirmTimeout) + " (events.amqp.confirm-timeout)"));
				continue;
			}
			catch (ExecutionException ex) {
				round.fail(sent.event(), DeliveryFailure
					.retry("RabbitMQ did not confirm " + sent.outgoing() + ": " + reason(ex.getCause())));
				continue;
			}
			// the broker returns an unroutable message before it acknowledges it, and
			// the return is set on the correlation data before its future completes
			ReturnedMessage returned = sent.correlation().getReturned();
			if (returned != null) {
				round.fail(sent.event(),
						DeliveryFailure.retry(
								"RabbitMQ returned the message to " + sent.outgoing() + ": " + returned.getReplyCode()
										+ " " + returned.getReplyText() + " (no queue is bound for this routing key)"));
			}
			else if (!confirm.ack()) {
				round.fail(sent.event(), DeliveryFailure
					.retry("RabbitMQ did not take the message to " + sent.outgoing() + ": " + reason(confirm, sent)));
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The channel itself, behind the cache's proxy, whose close reason outlives the
	 * proxy's return to the cache.
	 */
	private static Channel target(Channel channel) {
		return (channel instanceof ChannelProxy proxy) ? proxy.getTargetChannel() : channel;
	}

	/**
	 * Why the broker did not take a message. When the broker closed the channel (an
	 * exchange that does not exist), the pending confirmations are failed either with its
	 * reason or, when the template returned the channel first, with "closed by
	 * application": the channel's own close reason says what happened.
	 */
	private static String reason(Confirm confirm, Sent sent) {
		ShutdownSignalException closed = sent.channel().getCloseReason();
		if (closed != null && !closed.isInitiatedByApplication()) {
			return reason(closed);
		}
		return (confirm.reason() != null) ? confirm.reason() : "negative acknowledgement";
	}

	private static @Nullable String resource(Event event) {
		String name = event.resourceName();
		String id = event.resourceId();
		return (name != null && id != null) ? name + '\u0000' + id : null;
	}

	private static boolean tooLong(String value) {
		return value.getBytes(StandardCharsets.UTF_8).length > 255;
	}

	private static String reason(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// the broker's words ("404 NOT_FOUND - no exchange 'x' in vhost '/'")
			// rather than the protocol method around them
			if (cause instanceof ShutdownSignalException shutdown
					&& shutdown.getReason() instanceof AMQP.Channel.Close close) {
				return "channel closed by the broker: " + close.getReplyCode() + " " + close.getReplyText();
			}
			if (cause instanceof ShutdownSignalException shutdown
					&& shutdown.getReason() instanceof AMQP.Connection.Close close) {
				return "connection closed by the broker: " + close.getReplyCode() + " " + close.getReplyText();
			}
		}
		if (ex == null) {
			return "unknown";
		}
		String message = ex.getMessage();
		return (message != null) ? message : ex.getClass().getName();
	}

	/**
	 * What a round's events became: sent and awaiting confirmation, or failed.
	 */
	private static final class Round {

		private final Map<UUID, Exception> failures = new LinkedHashMap<>();

		private final List<Sent> sent = new ArrayList<>();

		private final Set<UUID> settled = new HashSet<>();

		/**
		 * Resources whose later events must not go out, with the reason.
		 */
		private final Map<String, String> heldBack = new HashMap<>();

		boolean settled(Event event) {
			return this.settled.contains(event.eventId());
		}

		void fail(Event event, Exception failure) {
			this.failures.put(event.eventId(), failure);
			this.settled.add(event.eventId());
		}

		void failAndHoldBack(Event event, @Nullable String resource, Exception failure) {
			fail(event, failure);
			if (resource != null) {
				this.heldBack.putIfAbsent(resource,
						"Held back behind event " + event.eventId() + " of the same resource, which failed");
			}
		}

	}

	/**
	 * Where a message goes.
	 */
	private record Outgoing(String exchange, String routingKey, Message message) {

		@Override
		public String toString() {
			return "exchange '" + this.exchange + "' with routing key '" + this.routingKey + "'";
		}

	}

	private record Sent(Event event, Outgoing outgoing, CorrelationData correlation, Channel channel) {

	}

}
