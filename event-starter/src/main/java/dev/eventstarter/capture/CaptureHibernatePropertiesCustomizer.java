package dev.eventstarter.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.util.ClassUtils;

/**
 * Adds the capture integrator to Hibernate, keeping any integrator provider the
 * application configured itself.
 */
class CaptureHibernatePropertiesCustomizer implements HibernatePropertiesCustomizer {

	private final CaptureIntegrator integrator;

	CaptureHibernatePropertiesCustomizer(CaptureIntegrator integrator) {
		this.integrator = integrator;
	}

	@Override
	public void customize(Map<String, Object> hibernateProperties) {
		IntegratorProvider existing = existingProvider(hibernateProperties.get(JpaSettings.INTEGRATOR_PROVIDER));
		hibernateProperties.put(JpaSettings.INTEGRATOR_PROVIDER, (IntegratorProvider) () -> {
			List<Integrator> integrators = new ArrayList<>();
			if (existing != null) {
				integrators.addAll(existing.getIntegrators());
			}
			integrators.add(this.integrator);
			return integrators;
		});
	}

	private static @Nullable IntegratorProvider existingProvider(@Nullable Object setting) {
		if (setting == null || setting instanceof IntegratorProvider) {
			return (IntegratorProvider) setting;
		}
		Class<?> type = (setting instanceof Class<?> cls) ? cls : ClassUtils.resolveClassName(setting.toString(),
				CaptureHibernatePropertiesCustomizer.class.getClassLoader());
		return (IntegratorProvider) BeanUtils.instantiateClass(type);
	}

}
