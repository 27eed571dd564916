package dev.eventstarter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/adding-a-database.md} names every store a database implements: each
 * interface of the starter that a {@code Postgres…}, {@code Embedded…} or
 * {@code MariaDb…} class implements.
 */
class DatabaseChecklistTests {

	private static final Path MAIN = Path.of("src/main/java");

	@Test
	void theChecklistNamesEveryStoreADatabaseImplements() throws IOException {
		String checklist = Files.readString(Path.of("..", "docs", "adding-a-database.md"));
		Set<String> stores = new LinkedHashSet<>();
		for (Class<?> type : databaseClasses()) {
			stores.addAll(starterInterfaces(type));
		}
		assertThat(stores).as("store interfaces").isNotEmpty().contains("EventWriter", "VisibilityHorizon");
		assertThat(stores)
			.allSatisfy((store) -> assertThat(checklist).as("docs/adding-a-database.md").contains("`" + store + "`"));
	}

	private static List<Class<?>> databaseClasses() throws IOException {
		List<Class<?>> classes = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter((path) -> {
				String name = path.getFileName().toString();
				return name.startsWith("Postgres") || name.startsWith("Embedded") || name.startsWith("MariaDb");
			}).toList()) {
				String name = MAIN.relativize(file).toString().replace('/', '.').replace(".java", "");
				classes.add(ClassUtils.resolveClassName(name, DatabaseChecklistTests.class.getClassLoader()));
			}
		}
		return classes;
	}

	private static Set<String> starterInterfaces(Class<?> type) {
		Set<String> names = new LinkedHashSet<>();
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (candidate.getPackageName().startsWith("dev.eventstarter")) {
				names.add(candidate.getSimpleName());
			}
		}
		return names;
	}

}
