package dev.eventstarter.webhook;

import dev.eventstarter.test.MariaDbTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = MariaDbTestConfiguration.DATABASE_PROPERTY + "=events_webhooks")
class MariaDbWebhookDeliveryTests extends WebhookDeliveryContractTests {

}
