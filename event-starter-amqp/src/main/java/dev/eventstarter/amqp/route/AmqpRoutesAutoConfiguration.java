package dev.eventstarter.amqp.route;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.eventstarter.amqp.AmqpRoute;
import dev.eventstarter.amqp.AmqpRoutes;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.dispatch.Subscriber;
import dev.eventstarter.dispatch.SubscriberSource;
import dev.eventstarter.store.EventJson;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.Assert;

/**
 * RabbitMQ routes, from {@code events.amqp.routes[n]} or an {@link AmqpRoutes} bean: each
 * a durable subscriber {@code amqp:<name>} that publishes a round's events on one channel
 * and waits for the broker's confirmations. The routes publish through a connection
 * factory and template of their own, with publisher confirms and returns, configured from
 * {@code spring.rabbitmq.*}: the application's keep their settings, and stay the ones it
 * injects.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, RabbitAutoConfiguration.class })
@ConditionalOnBean(EventJson.class)
@Conditional(OnRoutesCondition.class)
@EnableConfigurationProperties(AmqpProperties.class)
public final class AmqpRoutesAutoConfiguration {

	static final String CONNECTION_FACTORY = "eventsRabbitConnectionFactory";

	static final String TEMPLATE = "eventsRabbitTemplate";

	@Bean
	@ConditionalOnMissingBean
	AmqpRoutes amqpRoutes(AmqpProperties properties) {
		List<AmqpRoute> routes = properties.checked();
		return () -> routes;
	}

	@Bean(name = CONNECTION_FACTORY, autowireCandidate = false)
	@ConditionalOnMissingBean(name = { CONNECTION_FACTORY, TEMPLATE })
	CachingConnectionFactory eventsRabbitConnectionFactory(
			ObjectProvider<RabbitConnectionFactoryBeanConfigurer> connectionFactoryBeanConfigurer,
			ObjectProvider<CachingConnectionFactoryConfigurer> cachingConnectionFactoryConfigurer,
			ObjectProvider<RabbitConnectionDetails> connectionDetails,
			ObjectProvider<ConnectionFactoryCustomizer> customizers) throws Exception {
		RabbitConnectionFactoryBeanConfigurer beanConfigurer = connectionFactoryBeanConfigurer.getIfAvailable();
		CachingConnectionFactoryConfigurer cachingConfigurer = cachingConnectionFactoryConfigurer.getIfAvailable();
		Assert.state(beanConfigurer != null && cachingConfigurer != null,
				() -> "The RabbitMQ routes (events.amqp.routes) connect with the settings of Spring Boot's "
						+ "RabbitAutoConfiguration, which is not active; include it, or define a bean named '"
						+ CONNECTION_FACTORY + "' (a CachingConnectionFactory with publisher confirms of type "
						+ "CORRELATED and publisher returns) or '" + TEMPLATE + "'");
		RabbitConnectionDetails details = connectionDetails.getIfAvailable();
		RouteConnectionFactoryBean factoryBean = new RouteConnectionFactoryBean(
				(details != null) ? details.getSslBundle() : null);
		beanConfigurer.configure(factoryBean);
		factoryBean.afterPropertiesSet();
		com.rabbitmq.client.ConnectionFactory client = factoryBean.getObject();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(client));
		CachingConnectionFactory factory = new CachingConnectionFactory(client);
		cachingConfigurer.configure(factory);
		// a route must learn of each message whether the broker took it, and of an
		// unroutable one that it went nowhere
		factory.setPublisherConfirmType(ConfirmType.CORRELATED);
		factory.setPublisherReturns(true);
		return factory;
	}

	@Bean(name = TEMPLATE, autowireCandidate = false)
	@ConditionalOnMissingBean(name = TEMPLATE)
	RabbitTemplate eventsRabbitTemplate(BeanFactory beanFactory) {
		RabbitTemplate template = new RabbitTemplate(beanFactory.getBean(CONNECTION_FACTORY, ConnectionFactory.class));
		template.setMandatory(true);
		// each round reads the returns from its correlation data; without a callback the
		// template would log a warning for every returned message
		template.setReturnsCallback((returned) -> {
		});
		return template;
	}

	@Bean(autowireCandidate = false)
	SubscriberSource amqpRouteSubscribers(AmqpRoutes routes, AmqpProperties properties, EventJson eventJson,
			BeanFactory beanFactory) {
		RabbitTemplate template = beanFactory.getBean(TEMPLATE, RabbitTemplate.class);
		checkConfirms(template);
		Set<String> names = new HashSet<>();
		List<Subscriber> subscribers = routes.routes().stream().map((route) -> {
			Assert.state(names.add(route.name()), () -> "Two AmqpRoutes are named '" + route.name()
					+ "'; give each route its own name, it identifies the subscriber " + route.subscriberId());
			return Subscriber.durableSender(route.subscriberId(), route.events(), route.maxAttempts(), route.backoff(),
					true, new AmqpRouteSender(route, template, eventJson, properties.getConfirmTimeout()));
		}).toList();
		return () -> subscribers;
	}

	private static void checkConfirms(RabbitTemplate template) {
		ConnectionFactory connectionFactory = template.getConnectionFactory();
		Assert.state(connectionFactory.isPublisherConfirms() && connectionFactory.isPublisherReturns(),
				() -> "The bean '" + TEMPLATE + "' must use a connection factory with publisher confirms of type "
						+ "CORRELATED and publisher returns, so that the RabbitMQ routes learn which messages the "
						+ "broker took");
		Assert.state(template.isMandatoryFor(new Message(new byte[0])), () -> "The bean '" + TEMPLATE
				+ "' must be mandatory (setMandatory(true)), so that the broker returns what no queue takes");
	}

}
