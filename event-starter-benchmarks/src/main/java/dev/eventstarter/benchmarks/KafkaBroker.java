package dev.eventstarter.benchmarks;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The {@code kafka-broker} workload: a single-node KRaft broker on a fixed port, for the
 * {@code externalize} runs of {@code brokers.sh}, which starts it in a JVM of its own and
 * stops it at the end. No Kafka server is installed on the benchmark machine; Spring for
 * Apache Kafka's test broker is the same broker code in one process.
 */
final class KafkaBroker {

	private KafkaBroker() {
	}

	static void run(int port) throws InterruptedException {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Externalization.PARTITIONS,
				Externalization.DESTINATION);
		// in KRaft mode the test kit binds its EXTERNAL and CONTROLLER listeners itself,
		// on
		// ports of its choosing: a third listener gives the fixed port
		broker.brokerProperties(
				Map.of("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,BENCH://127.0.0.1:" + port,
						"advertised.listeners", "EXTERNAL://localhost:0,BENCH://127.0.0.1:" + port,
						"listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,BENCH:PLAINTEXT"));
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
		System.out.println("Kafka broker ready at 127.0.0.1:" + port);
		new CountDownLatch(1).await();
	}

}
