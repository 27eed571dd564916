package dev.eventstarter.store;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.EventBus;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The writing side of {@link EventBus}: checks and serializes everything it is given
 * before it touches the transaction, then records the event with it.
 */
public final class EventEmitter {

	private final EventRecorder recorder;

	private final EventJson json;

	private final int maxPayloadSize;

	/**
	 * Create an emitter.
	 * @param recorder records the events
	 * @param json writes their JSON
	 * @param maxPayloadSize the largest payload accepted, in bytes of JSON
	 */
	public EventEmitter(EventRecorder recorder, EventJson json, int maxPayloadSize) {
		this.recorder = recorder;
		this.json = json;
		this.maxPayloadSize = maxPayloadSize;
	}

	public UUID emit(String type, @Nullable Object payload, EmitOptions options) {
		EventTypes.requireValidType(type);
		Assert.notNull(options, "options must not be null");
		String data = checkSize(type, this.json.payload(payload));
		return this.recorder.record(new EventDraft(type, null, null, data, this.json.metadata(options), options));
	}

	public UUID emitCreated(String resourceName, Object resourceId, Object newState) {
		Assert.notNull(newState, "newState must not be null");
		return emitChange(resourceName, "created", resourceId, null, newState);
	}

	public UUID emitUpdated(String resourceName, Object resourceId, Object oldState, Object newState) {
		Assert.notNull(oldState, "oldState must not be null");
		Assert.notNull(newState, "newState must not be null");
		return emitChange(resourceName, "updated", resourceId, oldState, newState);
	}

	public UUID emitDeleted(String resourceName, Object resourceId, Object oldState) {
		Assert.notNull(oldState, "oldState must not be null");
		return emitChange(resourceName, "deleted", resourceId, oldState, null);
	}

	private String checkSize(String type, String data) {
		// a character takes 1 to 3 bytes of UTF-8: count the bytes only when it could
		// matter
		if ((long) data.length() * 3 <= this.maxPayloadSize) {
			return data;
		}
		int bytes = data.getBytes(StandardCharsets.UTF_8).length;
		Assert.isTrue(bytes <= this.maxPayloadSize,
				() -> "The payload of " + type + " is " + bytes + " bytes of JSON, over events.max-payload-size ("
						+ this.maxPayloadSize + " bytes); keep large content elsewhere and emit a reference to it");
		return data;
	}

	private UUID emitChange(String resourceName, String action, Object resourceId, @Nullable Object oldState,
			@Nullable Object newState) {
		EventTypes.requireValidResourceName(resourceName);
		Assert.notNull(resourceId, "resourceId must not be null");
		String id = this.json.resourceId(resourceId);
		Assert.isTrue(id.length() <= 255, () -> "resourceId must be at most 255 characters as a string, but '"
				+ id.substring(0, 40) + "…' has " + id.length());
		String data = checkSize(resourceName + "." + action, this.json.crudData(oldState, newState));
		return this.recorder.record(EventDraft.of(resourceName + "." + action, resourceName, id, data));
	}

}
