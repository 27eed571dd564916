package dev.eventstarter.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Points a test application at PostgreSQL: the Testcontainers container through
 * {@link ServiceConnection} when Docker answers, otherwise the local server's
 * {@link TestPostgres#SCHEMA} schema.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Bean
	@ServiceConnection
	@Conditional(UsesContainer.class)
	PostgreSQLContainer postgresContainer() {
		return TestPostgres.container();
	}

	@Bean
	@Conditional(UsesLocalServer.class)
	JdbcConnectionDetails localPostgres() {
		String url = TestPostgres.url(TestPostgres.SCHEMA);
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return url;
			}

			@Override
			public String getUsername() {
				return TestPostgres.username();
			}

			@Override
			public String getPassword() {
				return TestPostgres.password();
			}

		};
	}

	static class UsesContainer implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestPostgres.usesContainer();
		}

	}

	static class UsesLocalServer implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !TestPostgres.usesContainer();
		}

	}

}
