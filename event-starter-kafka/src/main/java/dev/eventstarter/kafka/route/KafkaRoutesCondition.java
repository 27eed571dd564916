package dev.eventstarter.kafka.route;

import dev.eventstarter.kafka.KafkaRoutes;

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
 * Matches when the application routes events to Kafka: {@code events.kafka.routes} is
 * set, or it defines a {@link KafkaRoutes} bean.
 */
final class KafkaRoutesCondition extends AnyNestedCondition {

	KafkaRoutesCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBean(KafkaRoutes.class)
	static final class RoutesBean {

	}

	@Conditional(RoutesConfigured.class)
	static final class RoutesProperties {

	}

	static final class RoutesConfigured extends SpringBootCondition {

		private static final ConfigurationPropertyName ROUTES = ConfigurationPropertyName.of("events.kafka.routes");

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
				if (source.containsDescendantOf(ROUTES) == ConfigurationPropertyState.PRESENT) {
					return ConditionOutcome.match("events.kafka.routes is set");
				}
			}
			return ConditionOutcome.noMatch("events.kafka.routes is not set");
		}

	}

}
