package dev.eventstarter.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestKafkaTests {

	@Test
	void proxied() throws Exception {
		TestKafka kafka = TestKafka.get();
		kafka.createTopics("smoke");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.proxiedBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>("smoke", "k", "v")).get();
		}
		assertThat(kafka.read("smoke", (r) -> r.size() == 1, Duration.ofSeconds(10))).hasSize(1);
	}

}
