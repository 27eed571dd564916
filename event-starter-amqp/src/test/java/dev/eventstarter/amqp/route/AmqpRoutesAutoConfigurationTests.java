package dev.eventstarter.amqp.route;

import java.util.ArrayList;
import java.util.List;

import dev.eventstarter.Backoff;
import dev.eventstarter.amqp.AmqpRoute;
import dev.eventstarter.amqp.AmqpRoutes;
import dev.eventstarter.dispatch.Subscriber;
import dev.eventstarter.dispatch.SubscriberSource;
import dev.eventstarter.store.EventJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the routes switch on, what they are made of, what the application keeps, and every
 * bad configuration failing startup naming its property.
 */
class AmqpRoutesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, AmqpRoutesAutoConfiguration.class))
		.withBean(EventJson.class, () -> new EventJson(JsonMapper.builder().build()));

	private final String[] orders = { "events.amqp.routes[0].name=orders",
			"events.amqp.routes[0].events=orders.*,invoices.paid", "events.amqp.routes[0].exchange=shop" };

	@Test
	void routesAreOffWithoutConfiguration() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(AmqpRoutes.class)
				.doesNotHaveBean(AmqpRoutesAutoConfiguration.TEMPLATE)
				.doesNotHaveBean(AmqpRoutesAutoConfiguration.CONNECTION_FACTORY)
				.doesNotHaveBean(SubscriberSource.class);
			assertThat(context).hasSingleBean(RabbitTemplate.class);
		});
	}

	@Test
	void eachConfiguredRouteIsAnOrderedDurableSubscriber() {
		this.runner.withPropertyValues(this.orders)
			.withPropertyValues("events.amqp.routes[1].name=audit.trail", "events.amqp.routes[1].events=*",
					"events.amqp.routes[1].exchange=audit", "events.amqp.routes[1].routing-key=all",
					"events.amqp.routes[1].max-attempts=3", "events.amqp.routes[1].backoff=linear")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<Subscriber> subscribers = subscribers(context);
				assertThat(subscribers).extracting(Subscriber::id).containsExactly("amqp:orders", "amqp:audit.trail");
				assertThat(subscribers).allSatisfy((subscriber) -> assertThat(subscriber.ordered()).isTrue());
				assertThat(subscribers.get(0).maxAttempts()).isNull();
				assertThat(subscribers.get(0).backoff()).isNull();
				assertThat(subscribers.get(1).maxAttempts()).isEqualTo(3);
				assertThat(subscribers.get(1).backoff()).isEqualTo(Backoff.LINEAR);
				List<AmqpRoute> routes = context.getBean(AmqpRoutes.class).routes();
				assertThat(routes.get(0).events()).containsExactly("orders.*", "invoices.paid");
			});
	}

	@Test
	void routesPublishThroughAConnectionOfTheirOwnWithConfirmsReturnsAndTheApplicationsSettings() {
		this.runner.withPropertyValues(this.orders)
			.withPropertyValues("spring.rabbitmq.host=rabbit.example.com", "spring.rabbitmq.port=5673",
					"spring.rabbitmq.virtual-host=shop", "spring.rabbitmq.username=events",
					"spring.rabbitmq.cache.channel.size=7")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CachingConnectionFactory ours = context.getBean(AmqpRoutesAutoConfiguration.CONNECTION_FACTORY,
						CachingConnectionFactory.class);
				assertThat(ours.isPublisherConfirms()).isTrue();
				assertThat(ours.isPublisherReturns()).isTrue();
				assertThat(ours.getHost()).isEqualTo("rabbit.example.com");
				assertThat(ours.getPort()).isEqualTo(5673);
				assertThat(ours.getVirtualHost()).isEqualTo("shop");
				assertThat(ours.getUsername()).isEqualTo("events");
				assertThat(ours.getChannelCacheSize()).isEqualTo(7);
				RabbitTemplate template = context.getBean(AmqpRoutesAutoConfiguration.TEMPLATE, RabbitTemplate.class);
				assertThat(template.getConnectionFactory()).isSameAs(ours);
				assertThat(template.isMandatoryFor(new Message(new byte[0]))).isTrue();

				// what the application injects stays its own, without confirms or returns
				ConnectionFactory application = context.getBean(ConnectionFactory.class);
				assertThat(application).isNotSameAs(ours);
				assertThat(application.isPublisherConfirms()).isFalse();
				assertThat(context.getBean(RabbitTemplate.class)).isNotSameAs(template);
				assertThat(context.getBean(RabbitTemplate.class).getConnectionFactory()).isSameAs(application);
			});
	}

	@Test
	void aRoutesBeanReplacesTheConfiguredRoutesAndSwitchesThemOnAlone() {
		AmqpRoutes routes = () -> List.of(AmqpRoute.builder("billing")
			.events("invoices.*")
			.exchange((event) -> "billing." + event.eventType())
			.build());
		this.runner.withBean(AmqpRoutes.class, () -> routes).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AmqpRoutes.class)).isSameAs(routes);
			assertThat(subscribers(context)).extracting(Subscriber::id).containsExactly("amqp:billing");
		});
		this.runner.withBean(AmqpRoutes.class, () -> routes).withPropertyValues(this.orders).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(subscribers(context)).extracting(Subscriber::id).containsExactly("amqp:billing");
		});
	}

	@Test
	void aTemplateNamedEventsRabbitTemplateReplacesOurs() {
		RabbitTemplate own = confirmingTemplate(true);
		this.runner.withPropertyValues(this.orders)
			.withBean(AmqpRoutesAutoConfiguration.TEMPLATE, RabbitTemplate.class, () -> own,
					(definition) -> definition.setAutowireCandidate(false))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AmqpRoutesAutoConfiguration.TEMPLATE)).isSameAs(own);
				assertThat(context).doesNotHaveBean(AmqpRoutesAutoConfiguration.CONNECTION_FACTORY);
				assertThat(subscribers(context)).hasSize(1);
				// Boot's own template stays, and is the one injected
				assertThat(context).hasBean("rabbitTemplate");
				assertThat(context.getBean(RabbitTemplate.class)).isNotSameAs(own);
			});
	}

	@Test
	void aConnectionFactoryNamedEventsRabbitConnectionFactoryReplacesOurs() {
		CachingConnectionFactory own = (CachingConnectionFactory) confirmingTemplate(true).getConnectionFactory();
		this.runner.withPropertyValues(this.orders)
			.withBean(AmqpRoutesAutoConfiguration.CONNECTION_FACTORY, CachingConnectionFactory.class, () -> own,
					(definition) -> definition.setAutowireCandidate(false))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AmqpRoutesAutoConfiguration.TEMPLATE, RabbitTemplate.class)
					.getConnectionFactory()).isSameAs(own);
				assertThat(context).hasBean("rabbitConnectionFactory").hasBean("rabbitTemplate");
				assertThat(context.getBean(ConnectionFactory.class)).isNotSameAs(own);
			});
	}

	@Test
	void aTemplateWithoutConfirmsOrMandatoryFailsStartup() {
		RabbitTemplate noConfirms = new RabbitTemplate(new CachingConnectionFactory());
		noConfirms.setMandatory(true);
		this.runner.withPropertyValues(this.orders)
			.withBean(AmqpRoutesAutoConfiguration.TEMPLATE, RabbitTemplate.class, () -> noConfirms,
					(definition) -> definition.setAutowireCandidate(false))
			.run((context) -> assertThat(failure(context))
				.contains("The bean 'eventsRabbitTemplate' must use a connection factory with publisher confirms of "
						+ "type CORRELATED and publisher returns"));
		this.runner.withPropertyValues(this.orders)
			.withBean(AmqpRoutesAutoConfiguration.TEMPLATE, RabbitTemplate.class, () -> confirmingTemplate(false),
					(definition) -> definition.setAutowireCandidate(false))
			.run((context) -> assertThat(failure(context))
				.contains("The bean 'eventsRabbitTemplate' must be mandatory (setMandatory(true))"));
	}

	@Test
	void withoutBootsRabbitAutoConfigurationStartupSaysWhatToDo() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmqpRoutesAutoConfiguration.class))
			.withBean(EventJson.class, () -> new EventJson(JsonMapper.builder().build()))
			.withPropertyValues(this.orders)
			.run((context) -> assertThat(failure(context))
				.contains("The RabbitMQ routes (events.amqp.routes) connect with the settings of Spring Boot's "
						+ "RabbitAutoConfiguration, which is not active"));
	}

	@Test
	void routesNeedTheCore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, AmqpRoutesAutoConfiguration.class))
			.withPropertyValues(this.orders)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SubscriberSource.class));
	}

	@Test
	void everyBadConfigurationFailsStartupNamingTheProperty() {
		assertFails("events.amqp.routes[0].events=a.*", "events.amqp.routes[0].exchange=x",
				"events.amqp.routes[0].name must be 1 to 64 letters, digits, '_', '.' or '-', but was missing");
		assertFails("events.amqp.routes[0].name=has space", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange=x",
				"events.amqp.routes[0].name must be 1 to 64 letters, digits, '_', '.' or '-', but was 'has space'");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].exchange=x",
				"events.amqp.routes[0].events must name at least one type pattern, such as 'orders.*'");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=orders.*,orders created",
				"events.amqp.routes[0].exchange=x",
				"events.amqp.routes[0].events: 'orders created' is not a valid type pattern: 1 to 255 letters, "
						+ "digits, '.', '_', '-', ':' or '*' (any run of characters)");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange is missing: name the exchange the events are published to");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange=" + "x".repeat(256),
				"events.amqp.routes[0].exchange must be at most 255 bytes long");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange=x", "events.amqp.routes[0].routing-key=" + "k".repeat(256),
				"events.amqp.routes[0].routing-key must be at most 255 bytes long");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange=x", "events.amqp.routes[0].max-attempts=0",
				"events.amqp.routes[0].max-attempts must be from 1 to 1000, but was 0");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange=x", "events.amqp.routes[0].backoff=sometimes",
				"Failed to bind properties under 'events.amqp.routes[0].backoff' to dev.eventstarter.Backoff");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange=x", "events.amqp.routes[1].name=a", "events.amqp.routes[1].events=b.*",
				"events.amqp.routes[1].exchange=y",
				"events.amqp.routes[1].name 'a' is the name of an earlier route too; give each route its own name");
		assertFails("events.amqp.routes[0].name=a", "events.amqp.routes[0].events=a.*",
				"events.amqp.routes[0].exchange=x", "events.amqp.confirm-timeout=0s",
				"events.amqp.confirm-timeout must be positive, but was 0ms");
	}

	@Test
	void twoRoutesOfOneNameFromARoutesBeanFailStartup() {
		AmqpRoute route = AmqpRoute.builder("twice").events("a.*").exchange("x").build();
		this.runner.withBean(AmqpRoutes.class, () -> () -> List.of(route, route))
			.run((context) -> assertThat(failure(context)).contains("Two AmqpRoutes are named 'twice'"));
	}

	/**
	 * Start with properties and expect the last argument in the failure's messages.
	 */
	private void assertFails(String... propertiesThenMessage) {
		String expected = propertiesThenMessage[propertiesThenMessage.length - 1];
		String[] properties = List.of(propertiesThenMessage)
			.subList(0, propertiesThenMessage.length - 1)
			.toArray(String[]::new);
		this.runner.withPropertyValues(properties).run((context) -> assertThat(failure(context)).contains(expected));
	}

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		List<String> messages = new ArrayList<>();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			messages.add(cause.getMessage());
		}
		return String.join("\n", messages);
	}

	private static List<Subscriber> subscribers(AssertableApplicationContext context) {
		return context.getBean("amqpRouteSubscribers", SubscriberSource.class).subscribers();
	}

	private static RabbitTemplate confirmingTemplate(boolean mandatory) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory();
		connectionFactory.setPublisherConfirmType(ConfirmType.CORRELATED);
		connectionFactory.setPublisherReturns(true);
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		template.setMandatory(mandatory);
		return template;
	}

}
