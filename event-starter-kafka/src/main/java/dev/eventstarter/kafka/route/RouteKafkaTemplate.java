package dev.eventstarter.kafka.route;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.StringUtils;

/**
 * The template Kafka routes send with: a producer of its own, configured by
 * {@code spring.kafka.*} like the application's, but always with string keys, byte array
 * values, idempotence and {@code acks=all}, whatever serializers the application's
 * producer uses, and with batches of up to 256 KB unless a batch size is configured.
 * Closes its producer when the context closes.
 */
final class RouteKafkaTemplate extends KafkaTemplate<String, byte[]> {

	/**
	 * The producer's {@code batch.size} unless {@code spring.kafka.producer.batch-size}
	 * or {@code spring.kafka.producer.properties.batch.size} says otherwise.
	 */
	static final int DEFAULT_BATCH_SIZE = 256 * 1024;

	private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;

	private RouteKafkaTemplate(DefaultKafkaProducerFactory<String, byte[]> producerFactory) {
		super(producerFactory);
		this.producerFactory = producerFactory;
		// the dispatcher logs and records every failed delivery; the default listener
		// would
		// log each failed record again, with its stack trace
		setProducerListener(new ProducerListener<>() {
		});
	}

	/**
	 * Create the template as Spring Boot creates the application's producer factory, then
	 * fix what routes rely on.
	 * @param properties {@code spring.kafka.*}
	 * @param connectionDetails where the broker is, when a bean says so (such as a
	 * Testcontainers service connection)
	 * @return the template
	 */
	static RouteKafkaTemplate create(KafkaProperties properties, @Nullable KafkaConnectionDetails connectionDetails) {
		Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
		if (connectionDetails != null) {
			KafkaConnectionDetails.Configuration producer = connectionDetails.getProducer();
			config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, producer.getBootstrapServers());
			if (StringUtils.hasLength(producer.getSecurityProtocol())) {
				config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, producer.getSecurityProtocol());
			}
			SslBundle sslBundle = producer.getSslBundle();
			if (sslBundle != null) {
				config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
				config.put(SslBundle.class.getName(), sslBundle);
			}
		}
		config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
		config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		// a record counts as delivered only once every in-sync replica has it, and a
		// retried batch is never written twice nor out of order
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		// a round hands the producer hundreds of records at once: batches of 16 KB, the
		// client's default, made the broker's CPU per event about half again as large
		config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE);
		// a producer's client id names its metrics: keep them apart from the
		// application's
		Object clientId = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
		if (clientId != null) {
			config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-events");
		}
		return new RouteKafkaTemplate(
				new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
	}

	@Override
	public void destroy() {
		super.destroy();
		this.producerFactory.destroy();
	}

}
