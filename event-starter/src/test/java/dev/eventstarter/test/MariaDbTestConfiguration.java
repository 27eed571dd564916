package dev.eventstarter.test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points a test application at MariaDB's {@link TestMariaDb#DATABASE} database, in the
 * container or on the local server.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MariaDbTestConfiguration {

	@Bean
	JdbcConnectionDetails mariaDb() {
		String url = TestMariaDb.url(TestMariaDb.DATABASE);
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return url;
			}

			@Override
			public String getUsername() {
				return TestMariaDb.username();
			}

			@Override
			public String getPassword() {
				return TestMariaDb.password();
			}

		};
	}

}
