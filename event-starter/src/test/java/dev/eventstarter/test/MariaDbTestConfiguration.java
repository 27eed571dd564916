package dev.eventstarter.test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points a test application at a MariaDB database, in the container or on the local
 * server: {@link TestMariaDb#DATABASE}, or the one named by the
 * {@value #DATABASE_PROPERTY} property for a test class that must not share it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MariaDbTestConfiguration {

	/**
	 * The property naming the database, when not {@link TestMariaDb#DATABASE}.
	 */
	public static final String DATABASE_PROPERTY = "test.mariadb.database";

	@Bean
	JdbcConnectionDetails mariaDb(@Value("${" + DATABASE_PROPERTY + ":" + TestMariaDb.DATABASE + "}") String database) {
		String url = TestMariaDb.url(database);
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
