package dev.eventstarter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventstarter.benchmarks.Arrivals.ThreeMore;
import dev.eventstarter.benchmarks.Peers.PeerPublisher;
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
import dev.eventstarter.store.WalRelay;

/**
 * One benchmark run in a fresh JVM:
 * {@code --bench.workload=write|fill|drain|latency|externalize|kafka-broker}, its figures
 * appended as one JSON line to {@code --bench.results}. {@code report} prints the table
 * of a results file instead, {@code database} the server's product and version. The
 * {@link BenchDatabase} is the one of {@code --spring.datasource.url}, PostgreSQL's
 * {@code events_bench} unless told; {@code run.sh} drives it.
 */
@SpringBootApplication
public class BenchmarkApplication {

	private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/events_bench";

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String workload = options.getOrDefault("bench.workload", "write");
		String url = options.getOrDefault("spring.datasource.url", DEFAULT_URL);
		BenchDatabase database = BenchDatabase.of(url);
		String username = options.getOrDefault("spring.datasource.username", database.defaultUsername());
		if (workload.equals("report")) {
			System.out.print(Report.of(Path.of(options.getOrDefault("bench.results", "results.jsonl")), database));
			return;
		}
		if (workload.equals("kafka-broker")) {
			KafkaBroker.run(Integer.parseInt(options.getOrDefault("bench.kafka-port", "19092")));
			return;
		}
		if (workload.equals("database")) {
			System.out.println(database.describe(url, username));
			return;
		}
		if (!"false".equals(options.get("bench.reset"))) {
			database.reset(url, username);
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("workload", workload);
		options.forEach((name, value) -> {
			if (name.startsWith("bench.") && !name.equals("bench.results")) {
				line.put(name.substring("bench.".length()), value);
			}
		});
		SpringApplication application = new SpringApplication(BenchmarkApplication.class);
		String variant = options.getOrDefault("bench.variant", "");
		Map<String, Object> defaults = new LinkedHashMap<>(database.defaultProperties(variant));
		defaults.putAll(Peers.properties(variant));
		defaults.put("spring.datasource.username", username);
		application.setDefaultProperties(defaults);
		try (ConfigurableApplicationContext context = application.run(args)) {
			line.put("figures", workload.equals("externalize") ? externalize(context)
					: context.getBean(Workloads.class).run(workload));
		}
		String json = JsonMapper.builder().build().writeValueAsString(line);
		System.out.println("BENCH " + json);
		String results = options.get("bench.results");
		if (results != null) {
			Files.writeString(Path.of(results), json + System.lineSeparator(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
	}

	private static Map<String, Object> externalize(ConfigurableApplicationContext context) throws SQLException {
		return Externalization.run(context.getBean(Externalization.Destination.class),
				context.getBean(StartOfDispatch.class), context.getBean(BenchDatabase.class),
				context.getBean(JdbcClient.class), context.getBean(DataSource.class).unwrap(HikariDataSource.class),
				Integer.parseInt(context.getEnvironment().getProperty("bench.warm-up-events", "0")),
				Integer.parseInt(context.getEnvironment().getProperty("bench.timeout-seconds", "900")));
	}

	@Bean
	BenchDatabase benchDatabase(Environment environment) {
		return BenchDatabase.of(environment.getRequiredProperty("spring.datasource.url"));
	}

	@Bean
	Workloads workloads(BenchDatabase database, EntityManager entityManager, TransactionTemplate transaction,
			JdbcClient jdbc, ObjectProvider<EventBus> eventBus, ObjectProvider<Arrivals> arrivals,
			Environment environment, DataSource dataSource, ObjectProvider<StartOfDispatch> startOfDispatch,
			ObjectProvider<EventRowFloor> floor, ObjectProvider<PeerPublisher> peer, ObjectProvider<WalRelay> relay)
			throws SQLException {
		return new Workloads(database, entityManager, transaction, jdbc, eventBus, arrivals, environment,
				dataSource.unwrap(HikariDataSource.class), startOfDispatch, floor, peer, relay);
	}

	/**
	 * The {@code emit} variant: capture is off, and the writer emits the record the peers
	 * publish, so that emitting an event compares with capturing the same change.
	 */
	@Bean
	@ConditionalOnProperty(name = "bench.variant", havingValue = "emit")
	PeerPublisher emitter(EventBus eventBus) {
		return (event) -> eventBus.emit("orders." + event.type(), event);
	}

	@Bean
	@ConditionalOnExpression("'${bench.variant:}'.startsWith('floor')")
	EventRowFloor eventRowFloor(DataSource dataSource, BenchDatabase database) {
		return new EventRowFloor(dataSource, database);
	}

	@Bean
	@ConditionalOnExpression("'${bench.workload:}' == 'drain' or '${bench.workload:}' == 'externalize'")
	StartOfDispatch startOfDispatch(BenchDatabase database, JdbcClient jdbc) {
		return new StartOfDispatch(database, jdbc);
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
