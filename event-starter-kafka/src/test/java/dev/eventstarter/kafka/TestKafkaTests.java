package dev.eventstarter.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test broker's proxied listener: a client that bootstraps through the proxy keeps
 * every connection through it, so cutting the proxy cuts the client off, which is what
 * the outage test relies on.
 */
class TestKafkaTests {

	@Test
	void aClientThatBootstrapsThroughTheProxyIsCutOffWithIt() throws Exception {
		TestKafka kafka = TestKafka.get();
		kafka.createTopics("proxy.check");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.proxiedBootstrapServers(),
						ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
						ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>("proxy.check", "k", "before")).get();
			kafka.proxy().cut();
			try {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> producer.send(new ProducerRecord<>("proxy.check", "k", "during")).get());
			}
			finally {
				kafka.proxy().restore();
			}
			producer.send(new ProducerRecord<>("proxy.check", "k", "after")).get();
		}
		assertThat(kafka.read("proxy.check", (read) -> read.size() >= 2, Duration.ofSeconds(10)))
			.extracting((record) -> new String(record.value()))
			.containsExactly("before", "after");
	}

}
