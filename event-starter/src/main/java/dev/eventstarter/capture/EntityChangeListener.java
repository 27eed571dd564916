package dev.eventstarter.capture;

import java.util.function.Supplier;

import dev.eventstarter.store.EventDraft;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

/**
 * Turns Hibernate's post-insert, post-update and post-delete events into events recorded
 * with the flushing session's transaction. Soft deletes ({@code @SoftDelete}) arrive as
 * post-delete events.
 */
final class EntityChangeListener implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener {

	private static final Log logger = LogFactory.getLog(EntityChangeListener.class);

	private final EntityDescriptions descriptions;

	private final EntityStateJson stateJson;

	private final EventJson eventJson;

	private final EventRecorder recorder;

	private final CaptureErrorHandling errorHandling;

	EntityChangeListener(EntityDescriptions descriptions, EventJson eventJson, EventRecorder recorder,
			CaptureErrorHandling errorHandling) {
		this.descriptions = descriptions;
		this.stateJson = new EntityStateJson(eventJson.mapper());
		this.eventJson = eventJson;
		this.recorder = recorder;
		this.errorHandling = errorHandling;
	}

	@Override
	public void onPostInsert(PostInsertEvent event) {
		EntityDescription entity = this.descriptions.describe(event.getPersister());
		if (entity != null) {
			SharedSessionContractImplementor session = event.getSession();
			record(entity, "created", event.getId(), session,
					() -> this.stateJson.created(entity, event.getId(), event.getState(), session));
		}
	}

	@Override
	public void onPostUpdate(PostUpdateEvent event) {
		EntityDescription entity = this.descriptions.describe(event.getPersister());
		if (entity != null) {
			SharedSessionContractImplementor session = event.getSession();
			record(entity, "updated", event.getId(), session, () -> this.stateJson.updated(entity, event.getId(),
					event.getOldState(), event.getState(), event.getDirtyProperties(), session));
		}
	}

	@Override
	public void onPostDelete(PostDeleteEvent event) {
		EntityDescription entity = this.descriptions.describe(event.getPersister());
		if (entity != null) {
			SharedSessionContractImplementor session = event.getSession();
			record(entity, "deleted", event.getId(), session,
					() -> this.stateJson.deleted(entity, event.getId(), event.getDeletedState(), session));
		}
	}

	private void record(EntityDescription entity, String action, Object id, SharedSessionContractImplementor session,
			Supplier<@Nullable String> data) {
		String json;
		String resourceId;
		try {
			json = data.get();
			resourceId = this.eventJson.resourceId(id);
		}
		catch (EventCaptureException | IllegalArgumentException ex) {
			if (this.errorHandling == CaptureErrorHandling.FAIL) {
				throw (ex instanceof EventCaptureException) ? ex : new EventCaptureException(
						"Cannot capture a change of entity " + entity.entityName() + "#" + id + ": " + ex.getMessage(),
						ex);
			}
			logger.warn("Skipped the " + entity.eventType(action) + " event of " + entity.entityName() + "#" + id
					+ " (events.capture.on-error=log): " + ex.getMessage());
			return;
		}
		if (json != null) {
			this.recorder.record(EventDraft.of(entity.eventType(action), entity.resourceName(), resourceId, json),
					session);
		}
	}

	@Override
	public boolean requiresPostCommitHandling(EntityPersister persister) {
		return false;
	}

}
