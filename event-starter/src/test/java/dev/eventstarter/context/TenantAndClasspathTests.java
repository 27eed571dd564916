package dev.eventstarter.context;

import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.EventBus;
import dev.eventstarter.EventContext;
import dev.eventstarter.SessionVariablesContributor;
import dev.eventstarter.TenantResolver;
import dev.eventstarter.context.tenantapp.CurrentTenant;
import dev.eventstarter.context.tenantapp.Workspace;
import dev.eventstarter.test.Entities;
import dev.eventstarter.test.EventRows;
import dev.eventstarter.test.EventRows.Row;
import dev.eventstarter.tracing.EmittedEventsCounter;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Where the tenant comes from with Hibernate multi-tenancy, and that the origin needs
 * none of Spring Security, the web stack or Micrometer on the classpath. On embedded H2,
 * with the real JPA stack.
 */
class TenantAndClasspathTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withUserConfiguration(TenantEntities.class)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.jpa.hibernate.ddl-auto=create-drop",
				"spring.jpa.properties.hibernate.tenant_identifier_resolver=" + CurrentTenant.class.getName());

	@AfterEach
	void resetTenant() {
		CurrentTenant.reset();
	}

	@Test
	void capturedChangesTakeTheSessionsTenantAndEmittedEventsHibernatesResolver() {
		this.runner.run((context) -> {
			CurrentTenant.set("acme");
			Entities.persist(context, new Workspace("docs"));
			context.getBean(EventBus.class).emit("workspaces.audited", 1);
			assertThat(events(context).all()).extracting(Row::eventType, Row::tenant)
				.containsExactly(tuple("workspaces.created", "acme"), tuple("workspaces.audited", "acme"));
		});
	}

	@Test
	void theContextAndTheOptionsWinOverHibernate() {
		this.runner.run((context) -> {
			CurrentTenant.set("acme");
			EventBus bus = context.getBean(EventBus.class);
			EventContext.with().tenant("ctx").run(() -> {
				bus.emit("workspaces.audited", 1);
				bus.emit("workspaces.audited", 2, EmitOptions.builder().tenant("opt").build());
			});
			assertThat(events(context).all()).extracting(Row::tenant).containsExactly("ctx", "opt");
		});
	}

	@Test
	void aTenantResolverBeanReplacesHibernatesResolver() {
		this.runner.withBean(TenantResolver.class, () -> () -> "from-bean").run((context) -> {
			context.getBean(EventBus.class).emit("workspaces.audited", 1);
			assertThat(events(context).single().tenant()).isEqualTo("from-bean");
		});
	}

	@Test
	void withoutSecurityWebOrMicrometerEverythingWorksWithNulls() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.security.", "org.springframework.web.",
					"jakarta.servlet.", "io.micrometer.tracing.", "io.micrometer.core."))
			.withBean(SessionVariablesContributor.class, () -> (variables) -> variables.put("plan", "gold"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SecurityOriginSource.class)
					.doesNotHaveBean(RequestOriginSource.class)
					.doesNotHaveBean(TracerOriginSource.class)
					.doesNotHaveBean(EmittedEventsCounter.class);
				EventBus bus = context.getBean(EventBus.class);
				bus.emit("jobs.ran", 1);
				EventContext.with().userId("batch").correlationId("c-1").run(() -> bus.emit("jobs.ran", 2));
				Row outside = events(context).all().get(0);
				Row inContext = events(context).all().get(1);
				assertThat(outside.sessionVariables()).isNull();
				assertThat(outside.traceContext()).isNull();
				assertThat(inContext.sessionVariables()).isEqualTo(EventRows.parse("""
						{"userId": "batch", "role": null, "ip": null, "userAgent": null, "plan": "gold"}"""));
				assertThat(inContext.traceContext().get("correlationId").asString()).isEqualTo("c-1");
			});
	}

	@Test
	void theRequestSourceOnlyJoinsServletWebApplications() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RequestOriginSource.class)
			.hasSingleBean(SecurityOriginSource.class)
			.hasSingleBean(TracerOriginSource.class));
		new WebApplicationContextRunner()
			.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
			.run((context) -> assertThat(context).hasSingleBean(RequestOriginSource.class));
	}

	@Test
	void anOriginResolverBeanReplacesTheDefault() {
		this.runner.withBean(OriginResolver.class, OriginResolver::contextOnly)
			.run((context) -> assertThat(context).hasSingleBean(OriginResolver.class));
	}

	private static EventRows events(ApplicationContext context) {
		return new EventRows(JdbcClient.create(context.getBean(DataSource.class)));
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Workspace.class)
	static class TenantEntities {

	}

}
