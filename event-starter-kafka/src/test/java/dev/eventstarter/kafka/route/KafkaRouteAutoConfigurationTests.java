package dev.eventstarter.kafka.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.eventstarter.Backoff;
import dev.eventstarter.dispatch.Subscribers;
import dev.eventstarter.kafka.KafkaRoute;
import dev.eventstarter.kafka.KafkaRoutes;
import dev.eventstarter.store.EventJson;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka routes in an application: on when routes are configured or a {@link KafkaRoutes}
 * bean exists, off otherwise and without Spring for Apache Kafka; the user's beans win;
 * every configuration mistake fails startup naming its property.
 */
class KafkaRouteAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(autoConfigurations())
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "events.dispatch.enabled=false");

	/**
	 * Just the routes, for the checks of their properties, which need nothing else.
	 */
	private final ApplicationContextRunner routesAlone = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaRouteAutoConfiguration.class))
		.withBean(EventJson.class, () -> new EventJson(new JsonMapper()));

	@Test
	void eachConfiguredRouteBecomesADurableSubscriber() {
		this.runner
			.withPropertyValues("events.kafka.routes[0].name=posts", "events.kafka.routes[0].events=posts.*,comments.*",
					"events.kafka.routes[0].topic=blog.posts", "events.kafka.routes[1].name=audit",
					"events.kafka.routes[1].events=*", "events.kafka.routes[1].topic=audit",
					"events.kafka.routes[1].key=event-id", "events.kafka.routes[1].value=data",
					"events.kafka.routes[1].max-attempts=3", "events.kafka.routes[1].backoff=linear")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Subscribers subscribers = context.getBean(Subscribers.class);
				assertThat(subscribers.durableIds()).contains("kafka:posts", "kafka:audit");
				assertThat(subscribers.byId("kafka:posts").ordered()).isTrue();
				assertThat(subscribers.byId("kafka:posts").maxAttempts()).isNull();
				assertThat(subscribers.byId("kafka:audit").ordered()).isFalse();
				assertThat(subscribers.byId("kafka:audit").maxAttempts()).isEqualTo(3);
				assertThat(subscribers.byId("kafka:audit").backoff()).isEqualTo(Backoff.LINEAR);
				List<KafkaRoute> routes = context.getBean(KafkaRoutes.class).routes();
				assertThat(routes).extracting(KafkaRoute::value)
					.containsExactly(KafkaRoute.Value.EVENT, KafkaRoute.Value.DATA);
			});
	}

	@Test
	void aConfiguredBatchSizeIsKept() {
		this.runner
			.withPropertyValues("events.kafka.routes[0].name=posts", "events.kafka.routes[0].events=posts.*",
					"events.kafka.routes[0].topic=blog.posts", "spring.kafka.producer.batch-size=64KB")
			.run((context) -> {
				KafkaTemplate<?, ?> template = context.getBean(KafkaRouteAutoConfiguration.TEMPLATE,
						KafkaTemplate.class);
				assertThat(((DefaultKafkaProducerFactory<?, ?>) template.getProducerFactory())
					.getConfigurationProperties()).containsEntry("batch.size", 65536);
			});
	}

	@Test
	void routesSendWithTheirOwnProducerConfiguredBySpringKafkaProperties() {
		this.runner
			.withPropertyValues("events.kafka.routes[0].name=posts", "events.kafka.routes[0].events=posts.*",
					"events.kafka.routes[0].topic=blog.posts", "spring.kafka.bootstrap-servers=kafka-1:9092",
					"spring.kafka.client-id=blog", "spring.kafka.producer.acks=1",
					"spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.StringSerializer",
					"spring.kafka.producer.properties.linger.ms=20",
					"spring.kafka.producer.properties.delivery.timeout.ms=30000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				KafkaTemplate<?, ?> template = context.getBean(KafkaRouteAutoConfiguration.TEMPLATE,
						KafkaTemplate.class);
				DefaultKafkaProducerFactory<?, ?> producerFactory = (DefaultKafkaProducerFactory<?, ?>) template
					.getProducerFactory();
				assertThat(producerFactory.getConfigurationProperties()).containsEntry("acks", "all")
					.containsEntry("enable.idempotence", true)
					.containsEntry("bootstrap.servers", List.of("kafka-1:9092"))
					.containsEntry("client.id", "blog-events")
					.containsEntry("linger.ms", "20")
					.containsEntry("batch.size", RouteKafkaTemplate.DEFAULT_BATCH_SIZE)
					.doesNotContainKey("value.serializer");
				assertThat(producerFactory.getKeySerializerSupplier().get()).isInstanceOf(StringSerializer.class);
				assertThat(producerFactory.getValueSerializerSupplier().get()).isInstanceOf(ByteArraySerializer.class);
				// the application's own template is still there, and the one injected by
				// type
				assertThat(context.getBean(KafkaTemplate.class)).isSameAs(context.getBean("kafkaTemplate"));
			});
	}

	@Test
	void backsOffWithoutRoutes() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(KafkaRoutes.class);
			assertThat(context).doesNotHaveBean(KafkaRouteAutoConfiguration.TEMPLATE);
			assertThat(context.getBean(Subscribers.class).durableIds()).noneMatch((id) -> id.startsWith("kafka:"));
		});
	}

	@Test
	void backsOffWithoutSpringForApacheKafka() {
		this.runner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.withPropertyValues("events.kafka.routes[0].name=posts", "events.kafka.routes[0].events=posts.*",
					"events.kafka.routes[0].topic=blog.posts")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(KafkaRoutes.class);
				assertThat(context).doesNotHaveBean(KafkaRouteAutoConfiguration.TEMPLATE);
				assertThat(context.getBean(Subscribers.class).durableIds()).noneMatch((id) -> id.startsWith("kafka:"));
			});
	}

	@Test
	void aKafkaRoutesBeanReplacesTheConfiguredRoutes() {
		this.runner.withUserConfiguration(UserRoutes.class)
			.withPropertyValues("events.kafka.routes[0].name=configured", "events.kafka.routes[0].events=posts.*",
					"events.kafka.routes[0].topic=blog.posts")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(KafkaRoutes.class);
				Subscribers subscribers = context.getBean(Subscribers.class);
				assertThat(subscribers.durableIds()).contains("kafka:per-tenant").doesNotContain("kafka:configured");
				assertThat(subscribers.byId("kafka:per-tenant").ordered()).isTrue();
			});
	}

	@Test
	void aKafkaRoutesBeanAloneSwitchesRoutesOn() {
		this.runner.withUserConfiguration(UserRoutes.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean(KafkaRouteAutoConfiguration.TEMPLATE);
			assertThat(context.getBean(Subscribers.class).durableIds()).contains("kafka:per-tenant");
		});
	}

	@Test
	void anEventsKafkaTemplateBeanReplacesTheRoutesTemplate() {
		this.runner.withUserConfiguration(UserTemplate.class)
			.withPropertyValues("events.kafka.routes[0].name=posts", "events.kafka.routes[0].events=posts.*",
					"events.kafka.routes[0].topic=blog.posts")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(KafkaRouteAutoConfiguration.TEMPLATE)).isSameAs(UserTemplate.TEMPLATE);
				assertThat(context).hasBean("kafkaTemplate");
				assertThat(context.getBean(Subscribers.class).durableIds()).contains("kafka:posts");
			});
	}

	@Test
	void twoRoutesOfOneNameFromABeanFailStartup() {
		this.runner.withUserConfiguration(DuplicateRoutes.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Two Kafka routes are named 'orders'; give each route its own name (KafkaRoutes beans "
						+ "and events.kafka.routes)");
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badConfigurations")
	void badConfigurationFailsStartupNamingTheProperty(String what, List<String> properties, String message) {
		this.routesAlone.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
		});
	}

	static Stream<Arguments> badConfigurations() {
		return Stream.of(
				bad("no name", List.of("name="),
						"events.kafka.routes[0].name must be 1 to 64 letters, digits, '_', '.' or '-', but was ''"),
				bad("a name with a space", List.of("name=blog posts"),
						"events.kafka.routes[0].name must be 1 to 64 letters, digits, '_', '.' or '-', but was "
								+ "'blog posts'"),
				bad("no events", List.of("events="),
						"events.kafka.routes[0].events must name at least one type pattern, such as 'orders.*'"),
				bad("a bad pattern", List.of("events=posts created"),
						"events.kafka.routes[0].events: 'posts created' is not a valid type pattern: 1 to 255 "
								+ "letters, digits, '.', '_', '-', ':' or '*' (any run of characters)"),
				bad("no topic", List.of("topic="),
						"events.kafka.routes[0].topic is missing; set the Kafka topic the route sends to, such as "
								+ "'orders'"),
				bad("a bad topic", List.of("topic=blog/posts"),
						"events.kafka.routes[0].topic 'blog/posts' is not a valid Kafka topic name: 1 to 249 "
								+ "letters, digits, '.', '_' or '-'"),
				bad("zero attempts", List.of("max-attempts=0"),
						"events.kafka.routes[0].max-attempts must be from 1 to 1000, but was 0"),
				Arguments.of("a duplicate name",
						List.of("events.kafka.routes[0].name=a", "events.kafka.routes[0].events=*",
								"events.kafka.routes[0].topic=a", "events.kafka.routes[1].name=a",
								"events.kafka.routes[1].events=*", "events.kafka.routes[1].topic=b"),
						"events.kafka.routes[1].name 'a' is the name of an earlier Kafka route too; give each route "
								+ "its own name"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badModes")
	void anUnknownModeFailsStartupNamingTheProperty(String property, String value) {
		this.routesAlone
			.withPropertyValues("events.kafka.routes[0].name=posts", "events.kafka.routes[0].events=posts.*",
					"events.kafka.routes[0].topic=blog.posts", "events.kafka.routes[0]." + property + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Failed to bind properties under 'events.kafka.routes[0]." + property
							+ "' to dev.eventstarter.kafka.KafkaRoute$");
			});
	}

	static Stream<Arguments> badModes() {
		return Stream.of(Arguments.of("key", "partition"), Arguments.of("value", "avro"));
	}

	private static Arguments bad(String what, List<String> overrides, String message) {
		Map<String, String> properties = new LinkedHashMap<>(
				Map.of("name", "posts", "events", "posts.*", "topic", "blog.posts"));
		for (String override : overrides) {
			String[] pair = override.split("=", 2);
			properties.put(pair[0], pair[1]);
		}
		return Arguments.of(what,
				properties.entrySet()
					.stream()
					.map((entry) -> "events.kafka.routes[0]." + entry.getKey() + "=" + entry.getValue())
					.toList(),
				message);
	}

	/**
	 * Spring Boot's auto-configurations the routes need, and every one the event-starter
	 * jars register, this module's included, as an application gets them.
	 */
	private static AutoConfigurations autoConfigurations() {
		List<Class<?>> classes = new ArrayList<>(List.of(DataSourceAutoConfiguration.class,
				TransactionAutoConfiguration.class, KafkaAutoConfiguration.class));
		ClassLoader classLoader = KafkaRouteAutoConfigurationTests.class.getClassLoader();
		for (String name : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
			if (name.startsWith("dev.eventstarter.")) {
				classes.add(ClassUtils.resolveClassName(name, classLoader));
			}
		}
		return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRoutes {

		@Bean
		KafkaRoutes perTenantRoutes() {
			return () -> List.of(KafkaRoute.builder("per-tenant")
				.events("orders.*")
				.topic((event) -> "orders." + event.tenant())
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateRoutes {

		@Bean
		KafkaRoutes duplicateRoutes() {
			return () -> List.of(KafkaRoute.builder("orders").events("orders.*").topic("a").build(),
					KafkaRoute.builder("orders").events("invoices.*").topic("b").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplate {

		static final KafkaTemplate<String, byte[]> TEMPLATE = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				Map.of("bootstrap.servers", "elsewhere:9092"), new StringSerializer(), new ByteArraySerializer()));

		@Bean(defaultCandidate = false)
		KafkaTemplate<String, byte[]> eventsKafkaTemplate() {
			return TEMPLATE;
		}

	}

}
