package dev.eventstarter.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.namastack.outbox.Outbox;
import io.namastack.outbox.annotation.OutboxHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * The peers measured beside the starter, each in a JVM of its own and doing the same
 * business transaction: {@code modulith} publishes an {@link OrderChanged} with
 * {@code ApplicationEventPublisher} to an {@code @ApplicationModuleListener}, recorded by
 * Spring Modulith's JPA event publication registry with its defaults; {@code namastack}
 * schedules it in Namastack Outbox's JDBC outbox with its defaults, and
 * {@code namastack-tuned} with the tuning of its performance guide. Every other mechanism
 * is off in each variant's JVM: they share one jar.
 */
@Configuration(proxyBeanMethods = false)
class Peers {

	/**
	 * Spring Modulith's event auto-configurations, off for every variant but
	 * {@code modulith}: the registry's multicaster would take every transactional event.
	 */
	private static final String MODULITH = String.join(",",
			"org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
			"org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
			"org.springframework.modulith.events.jpa.JpaEventPublicationAutoConfiguration",
			"org.springframework.modulith.events.jpa.archiving.ArchivingAutoConfiguration",
			"org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
			"org.springframework.modulith.events.jackson2.Jackson2EventSerializationConfiguration");

	/**
	 * Namastack's performance guide: a 25 ms poll of 800 record keys.
	 */
	static final Duration TUNED_POLL = Duration.ofMillis(25);

	static final int TUNED_KEYS_PER_POLL = 800;

	/**
	 * Whether a variant is a peer's.
	 * @param variant the variant
	 * @return whether it is
	 */
	static boolean isPeer(String variant) {
		return variant.equals("modulith") || variant.startsWith("namastack");
	}

	/**
	 * The properties that leave only the variant's own mechanism on, below every other
	 * source.
	 * @param variant the variant, or {@code ""}
	 * @return the properties
	 */
	static Map<String, Object> properties(String variant) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!variant.equals("modulith")) {
			properties.put("spring.autoconfigure.exclude", MODULITH);
		}
		if (!variant.startsWith("namastack")) {
			properties.put("namastack.outbox.enabled", "false");
		}
		if (variant.equals("namastack-tuned")) {
			properties.put("namastack.outbox.polling.fixed.interval", TUNED_POLL.toMillis() + "ms");
			properties.put("namastack.outbox.polling.batch-size", String.valueOf(TUNED_KEYS_PER_POLL));
		}
		if (isPeer(variant)) {
			properties.put("events.enabled", "false");
		}
		return properties;
	}

	/**
	 * The query counting a variant's events not delivered yet, where it delivers.
	 * @param variant the variant, or {@code ""} for the starter's dispatcher
	 * @return the query, or {@code null}
	 */
	static @Nullable String countPendingQuery(String variant, BenchDatabase database) {
		return switch (variant) {
			case "modulith" -> "select count(*) from event_publication where completion_date is null";
			case "namastack", "namastack-tuned" -> "select count(*) from outbox_record where status <> 'COMPLETED'";
			case "", "dispatch" -> database.countUndispatched();
			case "dispatch-wal" -> database.countUnrelayedOrUndispatched();
			default -> null;
		};
	}

	@Bean
	@ConditionalOnProperty(name = "bench.variant", havingValue = "modulith")
	PeerPublisher modulithPublisher(ApplicationEventPublisher events) {
		return events::publishEvent;
	}

	@Bean
	@ConditionalOnProperty(name = "bench.variant", havingValue = "modulith")
	ModulithListener modulithListener(Arrivals arrivals) {
		return new ModulithListener(arrivals);
	}

	@Bean
	@ConditionalOnExpression("'${bench.variant:}'.startsWith('namastack')")
	PeerPublisher namastackPublisher(Outbox outbox) {
		return (event) -> outbox.schedule(event, "order-" + event.id());
	}

	@Bean
	@ConditionalOnExpression("'${bench.variant:}'.startsWith('namastack')")
	NamastackHandler namastackHandler(Arrivals arrivals) {
		return new NamastackHandler(arrivals);
	}

	/**
	 * Publishes a peer's event in the writer's transaction.
	 */
	@FunctionalInterface
	interface PeerPublisher {

		void publish(OrderChanged event);

	}

	/**
	 * Modulith's durable listener: asynchronous, after commit, in a transaction of its
	 * own that marks the publication completed.
	 */
	public static class ModulithListener {

		private final Arrivals arrivals;

		ModulithListener(Arrivals arrivals) {
			this.arrivals = arrivals;
		}

		@ApplicationModuleListener
		public void on(OrderChanged event) {
			this.arrivals.arrived(String.valueOf(event.id()));
		}

	}

	/**
	 * Namastack's handler, called by its poller for each due record.
	 */
	public static class NamastackHandler {

		private final Arrivals arrivals;

		NamastackHandler(Arrivals arrivals) {
			this.arrivals = arrivals;
		}

		@OutboxHandler
		public void handle(OrderChanged event) {
			this.arrivals.arrived(String.valueOf(event.id()));
		}

	}

}
