package dev.eventstarter.webhook;

import java.time.Clock;
import java.util.List;

import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.dispatch.Subscriber;
import dev.eventstarter.dispatch.SubscriberSource;
import dev.eventstarter.store.EventJson;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Webhooks from {@code events.webhooks[n]}: each a durable subscriber posting events,
 * signed per Standard Webhooks.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnBean(EventJson.class)
@EnableConfigurationProperties(WebhookProperties.class)
public final class WebhookAutoConfiguration {

	@Bean(autowireCandidate = false)
	SubscriberSource eventWebhookSubscribers(WebhookProperties properties, EventJson eventJson) {
		List<Subscriber> subscribers = properties.checked()
			.stream()
			.map((webhook) -> Subscriber.durable(webhook.subscriberId(), webhook.events(), webhook.maxAttempts(), null,
					new WebhookSender(webhook, eventJson, Clock.systemUTC())))
			.toList();
		return () -> subscribers;
	}

}
