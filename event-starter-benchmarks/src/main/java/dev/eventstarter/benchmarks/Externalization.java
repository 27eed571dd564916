package dev.eventstarter.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.store.EventJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The {@code externalize} workload: a backlog that {@code fill} left goes out to Kafka or
 * RabbitMQ ({@code bench.broker}), either through a route of the broker module
 * ({@code bench.variant=route}) or through what a user writes without it, a durable
 * {@code @OnEvent} method that sends each event and waits for the broker
 * ({@code hand-written}). Timed from the start of dispatch, or with
 * {@code bench.warm-up-events} from when that many were dispatched (as the delivery
 * workload does, so that the JIT's compiling is not counted as the route's), until no
 * event is left undispatched, which happens only once the broker confirmed every one; the
 * broker's own count of what arrived is checked against it. The rate over the whole
 * backlog, warm-up included, is reported too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${bench.workload:}' == 'externalize'")
class Externalization {

	static final String DESTINATION = "bench.orders";

	static final int PARTITIONS = 4;

	@Bean
	Destination destination(Environment environment, ObjectProvider<ConnectionFactory> rabbit) {
		return environment.getProperty("bench.broker", "kafka").equals("kafka")
				? new KafkaDestination(environment.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:19092"))
				: new RabbitDestination(rabbit.getObject());
	}

	@Bean
	@ConditionalOnExpression("'${bench.variant:}' == 'hand-written' and '${bench.broker:kafka}' == 'kafka'")
	HandWrittenKafka handWrittenKafka(KafkaTemplate<Object, Object> template, EventJson json) {
		return new HandWrittenKafka(template, json);
	}

	@Bean
	@ConditionalOnExpression("'${bench.variant:}' == 'hand-written' and '${bench.broker:kafka}' == 'rabbit'")
	HandWrittenRabbit handWrittenRabbit(RabbitTemplate template, EventJson json) {
		return new HandWrittenRabbit(template, json);
	}

	/**
	 * Deliver the backlog and measure it.
	 */
	static Map<String, Object> run(Destination destination, StartOfDispatch startOfDispatch, BenchDatabase database,
			JdbcClient jdbc, HikariDataSource pool, int warmUpEvents, int timeoutSeconds) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		long total = jdbc.sql("select count(*) from _events").query(Long.class).single();
		long warmUp = Math.min(warmUpEvents, total / 2);
		Usage start = startOfDispatch.usage();
		ThreadCpu threadsAtStart = startOfDispatch.threads();
		long brokerTicksAtStart = startOfDispatch.brokerTicks();
		long uncounted = 0;
		long left;
		do {
			Usage.sleep(20);
			left = jdbc.sql(database.countUndispatched()).query(Long.class).single();
			if (uncounted == 0 && warmUp > 0 && total - left >= warmUp) {
				// the JIT compiled the delivery path meanwhile: from here on the figures
				// are those of a warm application
				start = Usage.now(database, jdbc);
				threadsAtStart = ThreadCpu.now();
				brokerTicksAtStart = brokerTicks();
				uncounted = total - left;
			}
		}
		while (left > 0 && System.nanoTime() < deadline);
		Usage end = Usage.settled(database, jdbc, pool);
		ThreadCpu threads = ThreadCpu.now();
		long brokerTicks = brokerTicks() - brokerTicksAtStart;
		long counted = Math.max(1, total - uncounted);
		Map<String, Object> result = end.since(start, counted);
		double seconds = (end.nanos() - start.nanos()) / 1e9;
		double allSeconds = (end.nanos() - startOfDispatch.usage().nanos()) / 1e9;
		result.remove("txPerSecond");
		result.put("backlog", total);
		result.put("events", counted);
		result.put("warmUpEvents", uncounted);
		result.put("finished", left == 0);
		result.put("eventsPerSecond", Usage.round(counted / seconds));
		result.put("eventsPerSecondWithWarmUp", Usage.round(total / allSeconds));
		result.put("threadCpuUsPerTx", threads.since(threadsAtStart, counted));
		result.put("brokerCpuUsPerTx", Usage.round(brokerTicks * 1e6 / ServerCpu.TICKS_PER_SECOND / counted));
		result.put("arrived", destination.arrived());
		result.put("peakHeapMb", Workloads.peakHeapMegabytes());
		result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		return result;
	}

	/**
	 * CPU of the brokers on this host: the Kafka broker JVM that brokers.sh starts and
	 * RabbitMQ's Erlang VM.
	 */
	static long brokerTicks() {
		return ServerCpu.ticksOfCommandLine("bench.workload=kafka-broker") + ServerCpu.ticksOfCommandLine("beam.smp");
	}

	/**
	 * The topic or queue the events go to, prepared before dispatch starts: how many
	 * messages it held then is subtracted from what it holds at the end.
	 */
	interface Destination {

		long arrived();

	}

	static final class KafkaDestination implements Destination {

		private final Admin admin;

		private final long before;

		KafkaDestination(String bootstrapServers) {
			Properties properties = new Properties();
			properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
			this.admin = Admin.create(properties);
			try {
				if (!this.admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(DESTINATION)) {
					this.admin.createTopics(List.of(new NewTopic(DESTINATION, PARTITIONS, (short) 1)))
						.all()
						.get(30, TimeUnit.SECONDS);
				}
				this.before = endOffsets();
			}
			catch (Exception ex) {
				throw new IllegalStateException("The benchmark's Kafka broker at " + bootstrapServers
						+ " did not answer; brokers.sh starts one", ex);
			}
		}

		private long endOffsets() throws Exception {
			Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
			for (int partition = 0; partition < PARTITIONS; partition++) {
				latest.put(new TopicPartition(DESTINATION, partition), OffsetSpec.latest());
			}
			return this.admin.listOffsets(latest)
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
		}

		@Override
		public long arrived() {
			try {
				return endOffsets() - this.before;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	static final class RabbitDestination implements Destination {

		private final RabbitAdmin admin;

		RabbitDestination(ConnectionFactory connectionFactory) {
			this.admin = new RabbitAdmin(connectionFactory);
			TopicExchange exchange = new TopicExchange(DESTINATION);
			Queue queue = new Queue(DESTINATION, true);
			this.admin.declareExchange(exchange);
			this.admin.declareQueue(queue);
			Binding binding = BindingBuilder.bind(queue).to(exchange).with("#");
			this.admin.declareBinding(binding);
			this.admin.purgeQueue(DESTINATION, false);
		}

		@Override
		public long arrived() {
			Usage.sleep(500);
			return this.admin.getQueueInfo(DESTINATION).getMessageCount();
		}

	}

	/**
	 * What a user writes today to get events to Kafka: send, and wait until the broker
	 * acknowledged, one event at a time.
	 */
	static final class HandWrittenKafka {

		private final KafkaTemplate<Object, Object> template;

		private final EventJson json;

		HandWrittenKafka(KafkaTemplate<Object, Object> template, EventJson json) {
			this.template = template;
			this.json = json;
		}

		@OnEvent(value = "orders.*", id = "hand-written-kafka", ordered = true)
		void send(Event event) throws Exception {
			this.template.send(DESTINATION, event.resourceId(), this.json.document(event)).get(30, TimeUnit.SECONDS);
		}

	}

	/**
	 * The same for RabbitMQ: publish on a channel in confirm mode and wait for the
	 * confirm.
	 */
	static final class HandWrittenRabbit {

		private final RabbitTemplate template;

		private final EventJson json;

		HandWrittenRabbit(RabbitTemplate template, EventJson json) {
			this.template = template;
			this.json = json;
		}

		@OnEvent(value = "orders.*", id = "hand-written-rabbit", ordered = true)
		void send(Event event) {
			MessageProperties properties = new MessageProperties();
			properties.setMessageId(event.eventId().toString());
			properties.setContentType("application/json");
			Message message = new Message(this.json.document(event).getBytes(java.nio.charset.StandardCharsets.UTF_8),
					properties);
			this.template.invoke((operations) -> {
				operations.send(DESTINATION, event.eventType(), message);
				operations.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
				return null;
			});
		}

	}

}
