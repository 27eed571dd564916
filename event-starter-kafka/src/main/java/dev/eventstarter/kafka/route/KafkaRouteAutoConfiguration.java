package dev.eventstarter.kafka.route;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.dispatch.Subscriber;
import dev.eventstarter.dispatch.SubscriberSource;
import dev.eventstarter.kafka.KafkaRoute;
import dev.eventstarter.kafka.KafkaRoutes;
import dev.eventstarter.store.EventJson;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka routes: each route, from {@code events.kafka.routes[n]} or a {@link KafkaRoutes}
 * bean, a durable subscriber {@code kafka:<name>} sending events with a producer of its
 * own, the {@value #TEMPLATE} bean.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, KafkaAutoConfiguration.class })
@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class })
@ConditionalOnBean(EventJson.class)
@Conditional(KafkaRoutesCondition.class)
@EnableConfigurationProperties({ KafkaRouteProperties.class, KafkaProperties.class })
public final class KafkaRouteAutoConfiguration {

	/**
	 * The name of the template routes send with; define a bean of that name to replace
	 * it.
	 */
	public static final String TEMPLATE = "eventsKafkaTemplate";

	@Bean
	@ConditionalOnMissingBean
	KafkaRoutes eventsKafkaRoutes(KafkaRouteProperties properties) {
		List<KafkaRoute> routes = properties.checked();
		return () -> routes;
	}

	/**
	 * Not a default candidate, so that it never competes with the application's
	 * {@code KafkaTemplate} for an injection point, nor makes Spring Boot's back off.
	 */
	@Bean(name = TEMPLATE, defaultCandidate = false)
	@ConditionalOnMissingBean(name = TEMPLATE)
	KafkaTemplate<String, byte[]> eventsKafkaTemplate(KafkaProperties properties,
			ObjectProvider<KafkaConnectionDetails> connectionDetails) {
		return RouteKafkaTemplate.create(properties, connectionDetails.getIfAvailable());
	}

	@Bean(autowireCandidate = false)
	SubscriberSource eventsKafkaRouteSubscribers(ObjectProvider<KafkaRoutes> routes, BeanFactory beanFactory,
			EventJson eventJson) {
		return () -> {
			@SuppressWarnings("unchecked")
			KafkaTemplate<String, byte[]> template = beanFactory.getBean(TEMPLATE, KafkaTemplate.class);
			Set<String> names = new HashSet<>();
			return routes.orderedStream().flatMap((bean) -> bean.routes().stream()).map((route) -> {
				if (!names.add(route.name())) {
					throw new IllegalStateException("Two Kafka routes are named '" + route.name()
							+ "'; give each route its own name (KafkaRoutes beans and events.kafka.routes)");
				}
				return Subscriber.durableSender(route.subscriberId(), route.events(), route.maxAttempts(),
						route.backoff(), route.ordered(), new KafkaRouteSender(route, template, eventJson));
			}).toList();
		};
	}

}
