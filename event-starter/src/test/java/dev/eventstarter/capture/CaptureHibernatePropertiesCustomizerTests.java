package dev.eventstarter.capture;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventstarter.store.EventJson;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capture integrator joins any integrator provider the application configured.
 */
class CaptureHibernatePropertiesCustomizerTests {

	private final CaptureIntegrator capture = new CaptureIntegrator(CapturedEntities.ALL, CaptureErrorHandling.FAIL,
			new EventJson(new JsonMapper()), null);

	private final CaptureHibernatePropertiesCustomizer customizer = new CaptureHibernatePropertiesCustomizer(
			this.capture);

	@Test
	void addsTheCaptureIntegrator() {
		assertThat(integrators(new HashMap<>())).containsExactly(this.capture);
	}

	@Test
	void keepsAnIntegratorProviderInstance() {
		Integrator own = new Integrator() {
		};
		Map<String, Object> properties = new HashMap<>(
				Map.of(JpaSettings.INTEGRATOR_PROVIDER, (IntegratorProvider) () -> List.of(own)));
		assertThat(integrators(properties)).containsExactly(own, this.capture);
	}

	@Test
	void keepsAnIntegratorProviderClassName() {
		Map<String, Object> properties = new HashMap<>(
				Map.of(JpaSettings.INTEGRATOR_PROVIDER, OwnIntegratorProvider.class.getName()));
		assertThat(integrators(properties)).hasSize(2).last().isSameAs(this.capture);
		assertThat(integrators(properties).get(0)).isInstanceOf(OwnIntegrator.class);
	}

	private List<Integrator> integrators(Map<String, Object> properties) {
		this.customizer.customize(properties);
		return ((IntegratorProvider) properties.get(JpaSettings.INTEGRATOR_PROVIDER)).getIntegrators();
	}

	public static class OwnIntegratorProvider implements IntegratorProvider {

		@Override
		public List<Integrator> getIntegrators() {
			return List.of(new OwnIntegrator());
		}

	}

	static class OwnIntegrator implements Integrator {

	}

}
