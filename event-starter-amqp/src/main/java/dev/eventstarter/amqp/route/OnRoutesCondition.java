package dev.eventstarter.amqp.route;

import dev.eventstarter.amqp.AmqpRoutes;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Routes exist: {@code events.amqp.routes} is configured, or the application defines its
 * own {@link AmqpRoutes}.
 */
class OnRoutesCondition extends AnyNestedCondition {

	OnRoutesCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBean(AmqpRoutes.class)
	static class RoutesBean {

	}

	@Conditional(RoutesConfigured.class)
	static class RoutesProperties {

	}

	/**
	 * Any {@code events.amqp.routes[n].*} property is set, whatever its value: a wrong
	 * one must fail startup naming itself, never switch the routes off.
	 */
	static class RoutesConfigured extends SpringBootCondition {

		private static final ConfigurationPropertyName ROUTES = ConfigurationPropertyName.of("events.amqp.routes");

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
				if (source.containsDescendantOf(ROUTES) == ConfigurationPropertyState.PRESENT) {
					return ConditionOutcome.match("events.amqp.routes is set");
				}
			}
			return ConditionOutcome.noMatch("events.amqp.routes is not set");
		}

	}

}
