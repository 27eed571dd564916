package dev.eventstarter.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.eventstarter.test.TcpProxy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-process KRaft broker for every test of the module, started on first use. Besides
 * its own listener it has one that clients reach only through a {@link TcpProxy}: Kafka
 * clients connect to the addresses the broker advertises, so that listener advertises the
 * proxy's port, and cutting the proxy cuts every connection of a client that bootstrapped
 * through it. Topics are never created automatically, so a route to a missing topic is
 * refused as it would be on a locked-down cluster.
 */
public final class TestKafka {

	/**
	 * Partitions of every topic the tests create.
	 */
	public static final int PARTITIONS = 4;

	private static TestKafka instance;

	private final EmbeddedKafkaKraftBroker broker;

	private final TcpProxy proxy;

	private TestKafka(EmbeddedKafkaKraftBroker broker, TcpProxy proxy) {
		this.broker = broker;
		this.proxy = proxy;
	}

	/**
	 * The broker, started on the first call.
	 * @return it
	 */
	public static synchronized TestKafka get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static TestKafka start() {
		try {
			int proxiedPort = freePort();
			TcpProxy proxy = new TcpProxy("127.0.0.1", proxiedPort);
			EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
			// the test kit binds its EXTERNAL and CONTROLLER listeners itself (port 0 is
			// replaced by the bound one); PROXIED is ours
			broker.brokerProperties(Map.of("listeners",
					"EXTERNAL://localhost:0,CONTROLLER://localhost:0,PROXIED://127.0.0.1:" + proxiedPort,
					"advertised.listeners", "EXTERNAL://localhost:0,PROXIED://127.0.0.1:" + proxy.port(),
					"listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT",
					"auto.create.topics.enable", "false"));
			// not spring.kafka.bootstrap-servers, its default: each test says where it
			// connects
			broker.brokerListProperty("test.kafka.bootstrap-servers");
			broker.afterPropertiesSet();
			TestKafka kafka = new TestKafka(broker, proxy);
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "test-kafka-stop"));
			return kafka;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void stop() {
		try {
			this.proxy.close();
		}
		catch (IOException ex) {
			// stopping anyway
		}
		this.broker.destroy();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Where clients reach the broker directly.
	 * @return the bootstrap servers
	 */
	public String bootstrapServers() {
		// getBrokersAsString() calls a method Kafka 4.3 no longer has
		return this.broker.getCluster().bootstrapServers();
	}

	/**
	 * Where clients reach the broker through the proxy, which then carries all their
	 * connections.
	 * @return the bootstrap servers
	 */
	public String proxiedBootstrapServers() {
		return "127.0.0.1:" + this.proxy.port();
	}

	public TcpProxy proxy() {
		return this.proxy;
	}

	/**
	 * Create topics of {@value #PARTITIONS} partitions, unless they exist.
	 * @param topics their names
	 */
	public void createTopics(String... topics) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			List<NewTopic> newTopics = new ArrayList<>();
			for (String topic : topics) {
				newTopics.add(new NewTopic(topic, PARTITIONS, (short) 1));
			}
			admin.createTopics(newTopics).values().values().forEach((result) -> {
				try {
					result.get(10, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException(ex.getCause());
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
	}

	/**
	 * Read a topic from its start, directly, until a condition holds of what was read.
	 * @param topic the topic
	 * @param done when to stop
	 * @param timeout the longest to read
	 * @return the records read, in the order each partition holds them
	 */
	public List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
			Duration timeout) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (int partition = 0; partition < PARTITIONS; partition++) {
				partitions.add(new TopicPartition(topic, partition));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!done.test(records) && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(100)).forEach(records::add);
			}
		}
		return records;
	}

	private KafkaConsumer<String, byte[]> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
						ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

}
