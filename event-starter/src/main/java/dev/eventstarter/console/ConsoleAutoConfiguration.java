package dev.eventstarter.console;

import java.time.Clock;

import javax.sql.DataSource;

import dev.eventstarter.EventBus;
import dev.eventstarter.EventStore;
import dev.eventstarter.actuate.EventBacklog;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.console.ConsoleApi.ConsoleSettings;
import dev.eventstarter.dispatch.DispatchAutoConfiguration;
import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.web.EventsSseAutoConfiguration;
import dev.eventstarter.web.SseProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The operator console, when {@code events.console.enabled=true} in a Spring MVC
 * application. It refuses to start without Spring Security unless
 * {@code events.console.allow-unsecured=true}: the console retries deliveries, so it is
 * never open by accident.
 */
@AutoConfiguration(
		after = { EventsAutoConfiguration.class, DispatchAutoConfiguration.class, EventsSseAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty("events.console.enabled")
@ConditionalOnBean({ EventBus.class, EventStore.class, EventJson.class })
@EnableConfigurationProperties(ConsoleProperties.class)
public final class ConsoleAutoConfiguration {

	static final String SPRING_SECURITY = "org.springframework.security.web.SecurityFilterChain";

	@Bean
	RouterFunction<ServerResponse> eventsConsoleRoutes(ConsoleProperties properties, ApplicationContext context,
			DataSource dataSource, DatabasePlatform platform, EventJson eventJson, EventBus eventBus,
			EventStore eventStore, ObjectProvider<SseProperties> sse) {
		requireSecurity(properties, context.getClassLoader());
		ConsoleDialect dialect = switch (platform) {
			case POSTGRESQL -> ConsoleDialect.POSTGRESQL;
			case H2 -> ConsoleDialect.H2;
			case MARIADB, MYSQL -> ConsoleDialect.MARIADB;
		};
		Clock clock = Clock.systemUTC();
		ConsoleQueries queries = new ConsoleQueries(JdbcClient.create(dataSource), platform, dialect, eventJson);
		SseProperties stream = sse.getIfAvailable();
		ConsoleSettings settings = new ConsoleSettings(properties.getTraceUrl(),
				(stream != null && stream.isEnabled()) ? stream.getPath() : null);
		ConsoleApi api = new ConsoleApi(queries, new EventBacklog(dataSource, platform, clock), eventBus, eventStore,
				eventJson, settings, clock);
		return ConsoleRoutes.of(properties.getPath(), api);
	}

	private static void requireSecurity(ConsoleProperties properties, @Nullable ClassLoader classLoader) {
		if (!properties.isAllowUnsecured() && !ClassUtils.isPresent(SPRING_SECURITY, classLoader)) {
			throw new IllegalStateException("events.console.enabled=true, but Spring Security is not on the classpath: "
					+ "the console retries deliveries, so it is never served unprotected. Add "
					+ "spring-boot-starter-security and a rule such as .requestMatchers(\"" + properties.getPath()
					+ "/**\").hasRole(\"ADMIN\"), or set events.console.allow-unsecured=true to serve it to anyone "
					+ "who can reach the application.");
		}
	}

}
