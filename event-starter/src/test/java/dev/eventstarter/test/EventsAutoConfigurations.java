package dev.eventstarter.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.util.ClassUtils;

/**
 * Every auto-configuration of event-starter, as the jar registers them, for
 * {@code ApplicationContextRunner} tests: they then run what an application gets.
 */
public final class EventsAutoConfigurations {

	private EventsAutoConfigurations() {
	}

	/**
	 * Some auto-configurations and every one of event-starter's.
	 * @param others the others, such as Spring Boot's for the data source
	 * @return all of them
	 */
	public static AutoConfigurations with(Class<?>... others) {
		List<Class<?>> classes = new ArrayList<>(List.of(others));
		classes.addAll(all());
		return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
	}

	/**
	 * Event-starter's auto-configurations.
	 * @return them, in the order the jar lists them
	 */
	public static List<Class<?>> all() {
		ClassLoader classLoader = EventsAutoConfigurations.class.getClassLoader();
		List<Class<?>> classes = new ArrayList<>();
		for (String name : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
			if (name.startsWith("dev.eventstarter.")) {
				classes.add(ClassUtils.resolveClassName(name, classLoader));
			}
		}
		return classes;
	}

}
