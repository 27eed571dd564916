package dev.eventstarter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventstarter.benchmarks.Arrivals.ThreeMore;
import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import dev.eventstarter.EventBus;

/**
 * One benchmark run in a fresh JVM: {@code --bench.workload=write|fill|drain|latency},
 * its figures appended as one JSON line to {@code --bench.results}. {@code report} prints
 * the table of a results file instead. {@code run.sh} drives it.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String workload = options.getOrDefault("bench.workload", "write");
		if (workload.equals("report")) {
			System.out.print(Report.of(Path.of(options.getOrDefault("bench.results", "results.jsonl"))));
			return;
		}
		if (!"false".equals(options.get("bench.reset"))) {
			resetSchema(options.getOrDefault("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/events_bench"),
					options.getOrDefault("spring.datasource.username", "postgres"));
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("workload", workload);
		options.forEach((name, value) -> {
			if (name.startsWith("bench.") && !name.equals("bench.results")) {
				line.put(name.substring("bench.".length()), value);
			}
		});
		try (ConfigurableApplicationContext context = SpringApplication.run(BenchmarkApplication.class, args)) {
			line.put("figures", context.getBean(Workloads.class).run(workload));
		}
		String json = JsonMapper.builder().build().writeValueAsString(line);
		System.out.println("BENCH " + json);
		String results = options.get("bench.results");
		if (results != null) {
			Files.writeString(Path.of(results), json + System.lineSeparator(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
	}

	@Bean
	Workloads workloads(EntityManager entityManager, TransactionTemplate transaction, JdbcClient jdbc,
			ObjectProvider<EventBus> eventBus, ObjectProvider<Arrivals> arrivals, Environment environment,
			DataSource dataSource, ObjectProvider<StartOfDispatch> startOfDispatch, ObjectProvider<EventRowFloor> floor)
			throws SQLException {
		return new Workloads(entityManager, transaction, jdbc, eventBus, arrivals, environment,
				dataSource.unwrap(HikariDataSource.class), startOfDispatch, floor);
	}

	@Bean
	@ConditionalOnExpression("'${bench.variant:}'.startsWith('floor')")
	EventRowFloor eventRowFloor(DataSource dataSource) {
		return new EventRowFloor(dataSource);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.workload", havingValue = "drain")
	StartOfDispatch startOfDispatch(JdbcClient jdbc) {
		return new StartOfDispatch(jdbc);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.subscribers", havingValue = "1", matchIfMissing = false)
	Arrivals oneSubscriber() {
		return new Arrivals();
	}

	@Bean
	@ConditionalOnProperty(name = "bench.subscribers", havingValue = "4")
	Arrivals firstOfFourSubscribers() {
		return new Arrivals();
	}

	@Bean
	@ConditionalOnProperty(name = "bench.subscribers", havingValue = "4")
	ThreeMore threeMoreSubscribers(Arrivals arrivals) {
		return new ThreeMore(arrivals);
	}

	/**
	 * A schema of the benchmark's own database, empty: every run starts from the same
	 * state. The database is created when missing.
	 */
	private static void resetSchema(String url, String username) throws SQLException {
		String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
		String server = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
		try (Connection connection = DriverManager.getConnection(server, username, "");
				Statement statement = connection.createStatement()) {
			boolean exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")
				.next();
			if (!exists) {
				statement.execute("create database " + database);
			}
		}
		try (Connection connection = DriverManager.getConnection(url, username, "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists public cascade");
			statement.execute("create schema public");
			statement.execute("checkpoint");
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		return options;
	}

}
