package dev.eventstarter.capture;

import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.store.EventRecorder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Capture of JPA entity changes, {@code events.capture.enabled} (on by default):
 * Hibernate listeners registered through a {@link HibernatePropertiesCustomizer}.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
@ConditionalOnClass(HibernatePropertiesCustomizer.class)
@ConditionalOnBean(EventRecorder.class)
@ConditionalOnBooleanProperty(name = "events.capture.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CaptureProperties.class)
public final class CaptureAutoConfiguration {

	@Bean
	HibernatePropertiesCustomizer eventCaptureHibernatePropertiesCustomizer(CaptureProperties properties,
			EventJson eventJson, EventRecorder recorder) {
		return new CaptureHibernatePropertiesCustomizer(
				new CaptureIntegrator(properties.getEntities(), properties.getOnError(), eventJson, recorder));
	}

}
