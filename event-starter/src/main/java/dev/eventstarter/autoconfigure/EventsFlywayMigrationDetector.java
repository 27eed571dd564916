package dev.eventstarter.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.util.ClassUtils;

/**
 * Makes JPA and the event-table checks wait for {@link EventsFlywayMigration}, as Spring
 * Boot makes them wait for the application's own Flyway, and makes it wait for the
 * application's Flyway and Liquibase (orders 0 and 1): on an empty database Flyway
 * refuses to start the application's history in a schema where ours already put tables.
 */
public final class EventsFlywayMigrationDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	public int getOrder() {
		return 2;
	}

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		// without Flyway the migration class cannot be loaded, and there is no such bean
		return ClassUtils.isPresent("org.flywaydb.core.Flyway", EventsFlywayMigrationDetector.class.getClassLoader())
				? Set.of(EventsFlywayMigration.class) : Set.of();
	}

}
