package dev.eventstarter.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.ErasureResult;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventErasure;
import dev.eventstarter.dispatch.RetentionTask;
import dev.eventstarter.test.Entities;
import dev.eventstarter.testapp.Post;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the endpoint, health contributor, gauges and audit log are there, and the audit
 * log on embedded H2. Real JPA stack, no web server.
 */
class OperationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
						TransactionAutoConfiguration.class, EndpointAutoConfiguration.class,
						WebEndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class))
		.withUserConfiguration(TestEntities.class)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.jpa.hibernate.ddl-auto=create-drop", "events.dispatch.enabled=false");

	@Test
	void theEndpointIsNotExposedByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(EventsEndpoint.class)
			.hasSingleBean(EventsHealthIndicator.class)
			.hasSingleBean(EventsMetrics.class));
	}

	@Test
	void theEndpointIsThereWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=events")
			.run((context) -> assertThat(context).hasSingleBean(EventsEndpoint.class)
				.hasSingleBean(EventsEndpointWebExtension.class));
	}

	@Test
	void exposingTheEventsEndpointDoesNotExposeErasure() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=events")
			.run((context) -> assertThat(context).hasSingleBean(EventErasure.class)
				.doesNotHaveBean(EventErasureEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=eventerasure")
			.run((context) -> assertThat(context).hasSingleBean(EventErasureEndpoint.class)
				.hasSingleBean(EventErasureEndpointWebExtension.class));
	}

	@Test
	void eventErasureBacksOffWhenTheApplicationDefinesOne() {
		EventErasure own = new EventErasure() {

			@Override
			public ErasureResult eraseResource(String resourceName, Object resourceId) {
				return new ErasureResult(0, 0);
			}

			@Override
			public ErasureResult eraseUser(String userId) {
				return new ErasureResult(0, 0);
			}

		};
		this.runner.withBean(EventErasure.class, () -> own)
			.run((context) -> assertThat(context.getBean(EventErasure.class)).isSameAs(own));
	}

	@Test
	void withoutActuatorThereIsNoEndpointAndEventsStillWork() {
		new ApplicationContextRunner()
			.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class))
			.withUserConfiguration(TestEntities.class)
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"spring.jpa.hibernate.ddl-auto=create-drop", "events.dispatch.enabled=false")
			// what an application without Spring Boot Actuator misses; the
			// auto-configuration
			// import filter would not even read the configuration class there (see
			// theAutoConfigurationImportFilterKnowsItNeedsActuator)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.withPropertyValues("management.endpoints.web.exposure.include=events")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EventsEndpoint.class);
				context.getBean(EventBus.class).emit("still.working", 1);
				assertThat(context.getBean(EventBus.class).drain()).isOne();
			});
	}

	@Test
	void theAutoConfigurationImportFilterKnowsItNeedsActuator() throws Exception {
		Properties metadata = PropertiesLoaderUtils
			.loadProperties(new ClassPathResource("META-INF/spring-autoconfigure-metadata.properties"));
		assertThat(metadata.getProperty(EventsEndpointAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("org.springframework.boot.actuate.endpoint.annotation.Endpoint");
		assertThat(metadata.getProperty(EventErasureEndpointAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("org.springframework.boot.actuate.endpoint.annotation.Endpoint");
		assertThat(metadata.getProperty(EventsHealthAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("org.springframework.boot.health.contributor.HealthIndicator");
		assertThat(metadata.getProperty(EventsMetricsAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("io.micrometer.core.instrument.binder.MeterBinder");
	}

	@Test
	void theHealthContributorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventsHealthIndicator.class));
	}

	@Test
	void theAuditLogRecordsEveryChangeOnceOnH2AndRetentionDeletesOldRows() {
		this.runner.withPropertyValues("events.audit.retention=1d").run((context) -> {
			Post post = new Post("audited");
			Entities.persist(context, post);
			EventBus bus = context.getBean(EventBus.class);
			bus.emit("orders.shipped", 7);
			assertThat(bus.drain()).isEqualTo(2);
			assertThat(rows(context, "select event_type || ' ' || action from _audit_log order by id"))
				.containsExactly("posts.created created", "orders.shipped shipped");
			assertThat(rows(context, "select cast(changed_fields as varchar) from _audit_log order by id").get(1))
				.isNull();
			JdbcClient.create(context.getBean(DataSource.class))
				.sql("update _events set dispatched_at = null")
				.update();
			bus.drain();
			assertThat(rows(context, "select event_id from _audit_log")).hasSize(2);
			JdbcClient.create(context.getBean(DataSource.class))
				.sql("update _audit_log set occurred_at = ? where event_type = 'posts.created'")
				.param(Instant.now().minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC))
				.update();
			context.getBean("eventAuditLogRetention", RetentionTask.class).run(() -> false);
			assertThat(rows(context, "select event_type from _audit_log")).containsExactly("orders.shipped");
		});
	}

	@Test
	void theBacklogIsReadOnH2Too() {
		this.runner.run((context) -> {
			EventBus bus = context.getBean(EventBus.class);
			UUID waiting = bus.emit("orders.shipped", 7);
			EventBacklog backlog = context.getBean(EventBacklog.class);
			EventBacklog.Summary summary = backlog.summary();
			assertThat(summary.undispatched()).isOne();
			assertThat(summary.oldestUndispatchedAt()).isNotNull();
			assertThat(summary.lag()).isLessThan(java.time.Duration.ofMinutes(1));
			assertThat(backlog.undispatched(10)).extracting(EventBacklog.UndispatchedEvent::eventId)
				.containsExactly(waiting);
			assertThat(backlog.dead(10)).isEmpty();
			assertThat(backlog.retryable(waiting)).hasValueSatisfying((retryable) -> {
				assertThat(retryable.undispatched()).isTrue();
				assertThat(retryable.deliveries()).isZero();
			});
			assertThat(backlog.retryable(UUID.randomUUID())).isEmpty();
		});
	}

	@Test
	void theAuditLogHonoursItsPatternsAndCanBeSwitchedOff() {
		this.runner.withPropertyValues("events.audit.events=orders.*,invoices.*").run((context) -> {
			Entities.persist(context, new Post("not audited"));
			context.getBean(EventBus.class).emit("orders.shipped", 7);
			context.getBean(EventBus.class).drain();
			assertThat(rows(context, "select event_type from _audit_log")).containsExactly("orders.shipped");
		});
		this.runner.withPropertyValues("events.audit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("eventAuditLog")
				.doesNotHaveBean("eventAuditLogSubscriber"));
	}

	@Test
	void badAuditPatternsFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("events.audit.events=posts created").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("events.audit.events: 'posts created' is not a valid type pattern: 1 to 255 letters, "
						+ "digits, '.', '_', '-', ':' or '*' (any run of characters)");
		});
		this.runner.withPropertyValues("events.audit.retention=-1d")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("events.audit.retention must not be negative, but was PT-24H"));
	}

	@Test
	void aMissingAuditTableFailsStartupNamingTheScript() {
		this.runner.withPropertyValues("events.jdbc.initialize-schema=never").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("_events");
		});
		this.runner.withPropertyValues("events.jdbc.schema=classpath:dev/eventstarter/test/events-only-h2.sql")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("The event table _audit_log is missing or older than this version")
					.hasStackTraceContaining("dev/eventstarter/test/events-only-h2.sql");
			});
	}

	private static List<String> rows(ApplicationContext context, String sql) {
		return JdbcClient.create(context.getBean(DataSource.class)).sql(sql).query(String.class).list();
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Post.class)
	static class TestEntities {

	}

}
