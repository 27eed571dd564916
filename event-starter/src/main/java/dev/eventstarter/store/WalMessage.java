package dev.eventstarter.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The events of one transaction as the content of one logical-decoding message, in the
 * WAL store mode. A length-prefixed binary form, not JSON: the writing transaction pays
 * for encoding, and the JSON columns are copied as they are, without escaping them into a
 * string.
 *
 * <p>
 * Layout: a version byte, the event count, then per event its id, type, resource name and
 * id, created and available times (seconds and nanoseconds), priority, tenant, source,
 * data, session variables, trace context, transaction id and metadata. A UUID is two
 * longs; a text is its UTF-8 length ({@code -1} for null) and bytes.
 */
final class WalMessage {

	private static final byte VERSION = 1;

	private WalMessage() {
	}

	static byte[] encode(List<PendingEvent> events) {
		List<byte[]> texts = new ArrayList<>(events.size() * 9);
		int size = 1 + 4;
		for (PendingEvent event : events) {
			size += 16 + 12 + 12 + 1 + 16;
			size += add(texts, event.eventType()) + add(texts, event.resourceName()) + add(texts, event.resourceId())
					+ add(texts, event.tenant()) + add(texts, event.source()) + add(texts, event.data())
					+ add(texts, event.sessionVariables()) + add(texts, event.traceContext())
					+ add(texts, event.metadata());
		}
		ByteBuffer buffer = ByteBuffer.allocate(size);
		buffer.put(VERSION).putInt(events.size());
		int text = 0;
		for (PendingEvent event : events) {
			putUuid(buffer, event.eventId());
			putText(buffer, texts.get(text++));
			putText(buffer, texts.get(text++));
			putText(buffer, texts.get(text++));
			putInstant(buffer, event.createdAt());
			putInstant(buffer, event.availableAt());
			buffer.put((byte) event.priority());
			putText(buffer, texts.get(text++));
			putText(buffer, texts.get(text++));
			putText(buffer, texts.get(text++));
			putText(buffer, texts.get(text++));
			putText(buffer, texts.get(text++));
			putUuid(buffer, event.transactionId());
			putText(buffer, texts.get(text++));
		}
		return buffer.array();
	}

	/**
	 * Read the events back.
	 * @param content the message content
	 * @return the events, in the order they were written
	 * @throws IllegalArgumentException when the content is not a message of this form
	 */
	static List<PendingEvent> decode(ByteBuffer content) {
		try {
			byte version = content.get();
			if (version != VERSION) {
				throw new IllegalArgumentException("unknown event message version " + version
						+ ": written by a newer event-starter? Relay with that version.");
			}
			int count = content.getInt();
			List<PendingEvent> events = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				UUID eventId = getUuid(content);
				String type = required(getText(content));
				String resourceName = getText(content);
				String resourceId = getText(content);
				Instant createdAt = getInstant(content);
				Instant availableAt = getInstant(content);
				int priority = content.get();
				String tenant = getText(content);
				String source = getText(content);
				String data = required(getText(content));
				String sessionVariables = getText(content);
				String traceContext = getText(content);
				UUID transactionId = getUuid(content);
				String metadata = getText(content);
				events.add(new PendingEvent(eventId, type, resourceName, resourceId, createdAt, availableAt, priority,
						tenant, source, data, sessionVariables, traceContext, transactionId, metadata));
			}
			if (content.hasRemaining()) {
				throw new IllegalArgumentException(content.remaining() + " bytes after the last event");
			}
			return events;
		}
		catch (BufferUnderflowException ex) {
			throw new IllegalArgumentException("the event message ends early", ex);
		}
	}

	private static int add(List<byte[]> texts, @Nullable String text) {
		byte[] bytes = (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null;
		texts.add(bytes);
		return 4 + ((bytes != null) ? bytes.length : 0);
	}

	private static void putText(ByteBuffer buffer, byte @Nullable [] text) {
		if (text == null) {
			buffer.putInt(-1);
		}
		else {
			buffer.putInt(text.length).put(text);
		}
	}

	private static @Nullable String getText(ByteBuffer buffer) {
		int length = buffer.getInt();
		if (length < 0) {
			return null;
		}
		if (length > buffer.remaining()) {
			throw new IllegalArgumentException("a text of " + length + " bytes runs past the message's end");
		}
		String text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
				StandardCharsets.UTF_8);
		buffer.position(buffer.position() + length);
		return text;
	}

	private static String required(@Nullable String text) {
		if (text == null) {
			throw new IllegalArgumentException("an event's type or data is missing");
		}
		return text;
	}

	private static void putUuid(ByteBuffer buffer, UUID uuid) {
		buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
	}

	private static UUID getUuid(ByteBuffer buffer) {
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	private static void putInstant(ByteBuffer buffer, Instant instant) {
		buffer.putLong(instant.getEpochSecond()).putInt(instant.getNano());
	}

	private static Instant getInstant(ByteBuffer buffer) {
		return Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
	}

}
