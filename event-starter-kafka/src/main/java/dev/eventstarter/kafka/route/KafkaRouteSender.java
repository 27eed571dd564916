package dev.eventstarter.kafka.route;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.eventstarter.DeliveryFailure;
import dev.eventstarter.Event;
import dev.eventstarter.dispatch.BatchSender;
import dev.eventstarter.kafka.KafkaRoute;
import dev.eventstarter.store.EventDocuments;
import dev.eventstarter.store.EventJson;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends a dispatch round of one route to Kafka: every record first, without waiting, then
 * every acknowledgement, so a round costs one wait rather than one per event. An event
 * counts as delivered only once the broker acknowledged it (the producer is idempotent,
 * {@code acks=all}).
 * <p>
 * A record Kafka could not take yet (an unreachable broker, a timeout, a topic it does
 * not know) is retried with the route's backoff; one it refuses for good (an invalid
 * topic, no authorization, a record too large) is dead at once, for an operator to retry
 * once the cause is fixed. On an ordered route, a record that could not even be handed to
 * the producer holds back the later events of its resource in the round, so none
 * overtakes it; after a topic's metadata timed out, the round's later records to that
 * topic are not tried, so an outage costs one {@code max.block.ms}, not one per record.
 */
final class KafkaRouteSender implements BatchSender {

	/**
	 * Waited beyond the producer's {@code delivery.timeout.ms}, which already bounds
	 * every acknowledgement, before a round gives up on the ones still missing.
	 */
	static final Duration MARGIN = Duration.ofSeconds(5);

	private static final int DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

	private final KafkaRoute route;

	private final KafkaTemplate<String, byte[]> template;

	private final EventJson json;

	private final Duration wait;

	KafkaRouteSender(KafkaRoute route, KafkaTemplate<String, byte[]> template, EventJson json) {
		this.route = route;
		this.template = template;
		this.json = json;
		this.wait = deliveryTimeout(template).plus(MARGIN);
	}

	@Override
	public Map<UUID, Exception> send(List<Event> events) {
		Map<UUID, Exception> failures = new HashMap<>();
		Map<String, UUID> heldResources = new HashMap<>();
		Map<String, DeliveryFailure> unreachableTopics = new HashMap<>();
		List<Sent> sent = new ArrayList<>(events.size());
		for (Event event : events) {
			String resource = this.route.ordered() ? resource(event) : null;
			UUID blocking = (resource != null) ? heldResources.get(resource) : null;
			if (blocking != null) {
				failures.put(event.eventId(), DeliveryFailure
					.retry("Held back behind event " + blocking + " of the same resource, which could not be sent"));
				continue;
			}
			Exception failure = send(event, sent, unreachableTopics);
			if (failure == null) {
				continue;
			}
			failures.put(event.eventId(), failure);
			if (resource != null) {
				heldResources.put(resource, event.eventId());
			}
		}
		awaitAcknowledgements(sent, failures);
		return failures;
	}

	/**
	 * Hand one event's record to the producer.
	 * @param sent collects the records on their way
	 * @param unreachableTopics the topics whose metadata did not arrive in this round
	 * @return why it could not be sent, or {@code null} when it is on its way
	 */
	private @Nullable Exception send(Event event, List<Sent> sent, Map<String, DeliveryFailure> unreachableTopics) {
		ProducerRecord<String, byte[]> record;
		try {
			record = record(event);
		}
		catch (DeliveryFailure | RuntimeException ex) {
			return ex;
		}
		DeliveryFailure unreachable = unreachableTopics.get(record.topic());
		if (unreachable != null) {
			return unreachable;
		}
		Throwable early;
		try {
			CompletableFuture<SendResult<String, byte[]>> future = this.template.send(record);
			early = failedAlready(future);
			if (early == null) {
				sent.add(new Sent(event, record.topic(), future));
				return null;
			}
		}
		catch (RuntimeException ex) {
			if (kafkaCause(ex) == null) {
				return ex;
			}
			early = ex;
		}
		DeliveryFailure failure = failure(early, record.topic());
		if (!failure.isPermanent()) {
			unreachableTopics.put(record.topic(), DeliveryFailure
				.retry(failure.getMessage() + " (not sent: an earlier record of the round to this topic failed so)"));
		}
		return failure;
	}

	private void awaitAcknowledgements(List<Sent> sent, Map<UUID, Exception> failures) {
		long deadline = System.nanoTime() + this.wait.toNanos();
		for (Sent record : sent) {
			try {
				record.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				failures.put(record.event().eventId(), failure(cause, record.topic()));
			}
			catch (TimeoutException ex) {
				failures.put(record.event().eventId(), DeliveryFailure.retry("Kafka did not acknowledge the record to "
						+ "topic '" + record.topic() + "' within " + this.wait.toMillis() + " ms"));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failures.putIfAbsent(record.event().eventId(),
						DeliveryFailure.retry("Interrupted while waiting for Kafka to acknowledge the record to topic '"
								+ record.topic() + "'"));
			}
		}
	}

	private ProducerRecord<String, byte[]> record(Event event) throws DeliveryFailure {
		String topic = this.route.topic(event);
		if (topic == null || topic.isBlank()) {
			throw DeliveryFailure.permanent(
					"The topic function of Kafka route '" + this.route.name() + "' gave no topic for this event");
		}
		boolean document = this.route.value() == KafkaRoute.Value.EVENT;
		byte[] value = document ? this.json.documentBytes(event)
				: event.data().toString().getBytes(StandardCharsets.UTF_8);
		RecordHeaders headers = new RecordHeaders();
		EventDocuments.headers(event, document ? EventDocuments.EVENT_CONTENT : EventDocuments.DATA_CONTENT)
			.forEach((name, text) -> headers.add(name, text.getBytes(StandardCharsets.UTF_8)));
		return new ProducerRecord<>(topic, null, null, this.route.key(event), value, headers);
	}

	/**
	 * What a send that failed before it returned (the producer completes the future at
	 * once when, for example, the topic's metadata did not arrive within
	 * {@code max.block.ms}) failed with.
	 * @return the cause, or {@code null} while the record is on its way or delivered
	 */
	private static @Nullable Throwable failedAlready(CompletableFuture<?> future) {
		if (!future.isCompletedExceptionally()) {
			return null;
		}
		try {
			future.getNow(null);
			return null;
		}
		catch (CompletionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/**
	 * The delivery failure of a record Kafka did not take.
	 * @param failure what the producer or the template reported
	 * @param topic the record's topic
	 * @return a failure to retry, or one that is dead at once
	 */
	static DeliveryFailure failure(Throwable failure, String topic) {
		Throwable cause = kafkaCause(failure);
		if (cause == null) {
			cause = failure;
		}
		String what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		if (!(cause instanceof ApiException) || retriable(cause)) {
			return DeliveryFailure.retry("Kafka could not take the record to topic '" + topic + "' yet: " + what);
		}
		return DeliveryFailure.permanent("Kafka refused the record to topic '" + topic + "': " + what);
	}

	/**
	 * Whether a Kafka error can go away by itself: a retriable one, or the idempotent
	 * producer's own sequence state, which it resets.
	 */
	private static boolean retriable(Throwable cause) {
		return cause instanceof RetriableException || cause instanceof OutOfOrderSequenceException
				|| cause instanceof UnknownProducerIdException || cause instanceof InvalidProducerEpochException;
	}

	/**
	 * The Kafka client's exception in a chain, beneath Spring's wrappers: the first
	 * {@link ApiException}, else the first {@link KafkaException}.
	 */
	private static @Nullable Throwable kafkaCause(Throwable failure) {
		Throwable kafka = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiException) {
				return cause;
			}
			if (kafka == null && cause instanceof KafkaException) {
				kafka = cause;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return kafka;
	}

	private static @Nullable String resource(Event event) {
		return (event.resourceName() != null && event.resourceId() != null)
				? event.resourceName() + "\u0000" + event.resourceId() : null;
	}

	private static Duration deliveryTimeout(KafkaTemplate<?, ?> template) {
		Object configured = template.getProducerFactory()
			.getConfigurationProperties()
			.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
		long millis = DEFAULT_DELIVERY_TIMEOUT_MS;
		if (configured instanceof Number number) {
			millis = number.longValue();
		}
		else if (configured instanceof String text && !text.isBlank()) {
			millis = Long.parseLong(text.trim());
		}
		return Duration.ofMillis(millis);
	}

	@Override
	public String toString() {
		return "KafkaRouteSender[" + this.route + "]";
	}

	private record Sent(Event event, String topic, CompletableFuture<SendResult<String, byte[]>> future) {

	}

}
