package dev.eventstarter.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.Event;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.Subscription;
import dev.eventstarter.invalidapp.BlogPost;
import dev.eventstarter.store.JdbcEventStore;
import dev.eventstarter.test.Entities;
import dev.eventstarter.test.EventRows;
import dev.eventstarter.testapp.Author;
import dev.eventstarter.testapp.Gadget;
import dev.eventstarter.testapp.Opaque;
import dev.eventstarter.testapp.Post;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-configuration on an embedded H2 database with the real JPA stack: what it
 * contributes, how it backs off, and how it is switched off.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withUserConfiguration(TestEntities.class)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.jpa.hibernate.ddl-auto=create-drop");

	@Test
	void contributesEventBusEventStoreAndCapture() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EventBus.class)
				.hasSingleBean(JdbcEventStore.class)
				.hasSingleBean(EventsDataSourceScriptDatabaseInitializer.class)
				.hasBean("eventCaptureHibernatePropertiesCustomizer");
			Entities.persist(context, new Post("captured"));
			assertThat(events(context).single().eventType()).isEqualTo("posts.created");
		});
	}

	@Test
	void eventBusBacksOffWhenUserDefinesOne() {
		this.runner.withBean("customBus", EventBus.class, CustomEventBus::new).run((context) -> {
			assertThat(context).doesNotHaveBean("eventBus");
			assertThat(context.getBean(EventBus.class)).isInstanceOf(CustomEventBus.class);
		});
	}

	@Test
	void eventStoreBacksOffWhenUserDefinesOne() {
		this.runner.withBean("customStore", JdbcEventStore.class, () -> null)
			.run((context) -> assertThat(context).getBeanNames(EventStore.class).containsExactly("customStore"));
	}

	@Test
	void schemaInitializerBacksOffWhenUserDefinesOne() {
		this.runner.withUserConfiguration(NoSchemaInitializerConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("The event table _events is missing or older than this version")
				.hasStackTraceContaining("classpath:db/event-starter/h2"));
	}

	@Test
	void everythingCanBeDisabled() {
		this.runner.withPropertyValues("events.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(EventBus.class)
				.doesNotHaveBean(EventStore.class)
				.doesNotHaveBean(EventsDataSourceScriptDatabaseInitializer.class)
				.doesNotHaveBean(HibernatePropertiesCustomizer.class);
			Entities.persist(context, new Post("not captured"));
			assertThat(tableExists(context)).isFalse();
		});
	}

	@Test
	void captureCanBeDisabled() {
		this.runner.withPropertyValues("events.capture.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(EventBus.class).doesNotHaveBean(HibernatePropertiesCustomizer.class);
			Entities.persist(context, new Post("not captured"));
			assertThat(events(context).count()).isZero();
			context.getBean(EventBus.class).emit("still.emitted", 1);
			assertThat(events(context).single().eventType()).isEqualTo("still.emitted");
		});
	}

	@Test
	void annotatedModeCapturesOnlyTrackedEntities() {
		this.runner.withPropertyValues("events.capture.entities=annotated").run((context) -> {
			Entities.persist(context, new Post("not tracked"));
			Entities.persist(context, new Author(1L, "Alice", "alice@example.com", null));
			assertThat(events(context).single().eventType()).isEqualTo("writers.created");
		});
	}

	@Test
	void onErrorLogSkipsTheEventAndKeepsTheChange(CapturedOutput output) {
		this.runner.withPropertyValues("events.capture.on-error=log").run((context) -> {
			Entities.persist(context, new Gadget(1L, new Opaque("x")));
			assertThat(JdbcClient.create(context.getBean(DataSource.class))
				.sql("select count(*) from gadgets")
				.query(Integer.class)
				.single()).isOne();
			assertThat(events(context).count()).isZero();
			assertThat(output).contains("Skipped the gadgets.created event of " + Gadget.class.getName() + "#1",
					"(events.capture.on-error=log)", "attribute 'opaque'");
		});
	}

	@Test
	void sourceDefaultsToApplicationNameAndCanBeSet() {
		this.runner.withPropertyValues("spring.application.name=blog").run((context) -> {
			context.getBean(EventBus.class).emit("a.b", 1);
			assertThat(events(context).single().source()).isEqualTo("blog");
		});
		this.runner.withPropertyValues("spring.application.name=blog", "events.source=blog-api").run((context) -> {
			context.getBean(EventBus.class).emit("a.b", 1);
			assertThat(events(context).single().source()).isEqualTo("blog-api");
		});
	}

	@Test
	void usesTheApplicationsJsonMapper() {
		this.runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withBean("moneyModule", SimpleModule.class,
					() -> new SimpleModule().addSerializer(BigDecimal.class, new ValueSerializer<BigDecimal>() {
						@Override
						public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
							generator.writeString(value.toPlainString() + " EUR");
						}
					}))
			.run((context) -> {
				assertThat(context).hasSingleBean(JsonMapper.class);
				context.getBean(EventBus.class).emit("prices.changed", new BigDecimal("12.50"));
				assertThat(events(context).single().data().asString()).isEqualTo("12.50 EUR");
			});
	}

	@Test
	void invalidResourceNameFailsStartupNamingTheEntity() {
		this.runner.withUserConfiguration(InvalidEntities.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("Cannot capture changes of entity " + BlogPost.class.getName()
						+ ": Resource name 'blog posts' is invalid: it must be 1 to 247 letters, digits, '.', '_', "
						+ "'-' or ':'. Name it with @Tracked(resource = \"…\")."));
	}

	private static EventRows events(ApplicationContext context) {
		return new EventRows(JdbcClient.create(context.getBean(DataSource.class)));
	}

	private static boolean tableExists(ApplicationContext context) {
		return JdbcClient.create(context.getBean(DataSource.class))
			.sql("select count(*) from information_schema.tables where lower(table_name) = '_events'")
			.query(Integer.class)
			.single() > 0;
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Post.class)
	static class TestEntities {

	}

	@Configuration(proxyBeanMethods = false)
	static class NoSchemaInitializerConfiguration {

		@Bean
		EventsDataSourceScriptDatabaseInitializer customInitializer(DataSource dataSource) {
			return new EventsDataSourceScriptDatabaseInitializer(dataSource, new EventsJdbcProperties()) {

				@Override
				public boolean initializeDatabase() {
					return false;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = BlogPost.class)
	static class InvalidEntities {

	}

	static class CustomEventBus implements EventBus {

		@Override
		public Subscription on(String pattern, Consumer<Event> handler) {
			return () -> {
			};
		}

		@Override
		public Subscription once(String pattern, Consumer<Event> handler) {
			return () -> {
			};
		}

		@Override
		public boolean awaitDelivery(UUID eventId, Duration timeout) {
			return false;
		}

		@Override
		public int drain() {
			return 0;
		}

		@Override
		public boolean retry(UUID eventId) {
			return false;
		}

		@Override
		public UUID emit(String type, Object payload, EmitOptions options) {
			return UUID.randomUUID();
		}

		@Override
		public UUID emitCreated(String resourceName, Object resourceId, Object newState) {
			return UUID.randomUUID();
		}

		@Override
		public UUID emitUpdated(String resourceName, Object resourceId, Object oldState, Object newState) {
			return UUID.randomUUID();
		}

		@Override
		public UUID emitDeleted(String resourceName, Object resourceId, Object oldState) {
			return UUID.randomUUID();
		}

	}

}
