package dev.eventstarter.test;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Turns background dispatch off in Spring tests: a dispatcher thread would race the
 * test's assertions, while {@code EventBus.drain()} makes delivery a step of the test.
 * The property source comes last, so that any setting of {@code events.dispatch.enabled}
 * (the test's properties, application properties) wins.
 */
final class ManualDispatchContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * Set in test contexts: the test support's auto-configuration needs it.
	 */
	static final String TEST_CONTEXT = "eventstarter.test.context";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new ManualDispatch();
	}

	static final class ManualDispatch implements ContextCustomizer {

		static final String PROPERTY_SOURCE = "event-starter-test";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE,
						Map.of("events.dispatch.enabled", "false", TEST_CONTEXT, "true")));
		}

		// one instance is as good as another: tests still share cached contexts
		@Override
		public boolean equals(Object other) {
			return other instanceof ManualDispatch;
		}

		@Override
		public int hashCode() {
			return ManualDispatch.class.hashCode();
		}

	}

}
