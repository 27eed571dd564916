package dev.eventstarter.capture;

import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRecorder;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;

/**
 * Registers the change listeners with a session factory, and describes every entity as
 * soon as the factory is built so that unsupported mappings fail at startup.
 */
final class CaptureIntegrator implements Integrator {

	private final EntityDescriptions descriptions;

	private final EntityChangeListener listener;

	/**
	 * Create an integrator.
	 * @param capturedEntities which entities to capture
	 * @param errorHandling what to do when an event cannot be built
	 * @param eventJson writes resource ids
	 * @param recorder records the events with their transaction
	 */
	CaptureIntegrator(CapturedEntities capturedEntities, CaptureErrorHandling errorHandling, EventJson eventJson,
			EventRecorder recorder) {
		this.descriptions = new EntityDescriptions(capturedEntities);
		this.listener = new EntityChangeListener(this.descriptions, eventJson, recorder, errorHandling);
	}

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
			SessionFactoryImplementor sessionFactory) {
		EventListenerRegistry listeners = sessionFactory.getEventListenerRegistry();
		listeners.appendListeners(EventType.POST_INSERT, this.listener);
		listeners.appendListeners(EventType.POST_UPDATE, this.listener);
		listeners.appendListeners(EventType.POST_DELETE, this.listener);
		sessionFactory.addObserver(new SessionFactoryObserver() {

			@Override
			public void sessionFactoryCreated(SessionFactory factory) {
				((SessionFactoryImplementor) factory).getMappingMetamodel()
					.forEachEntityDescriptor(CaptureIntegrator.this.descriptions::describe);
			}

		});
	}

}
