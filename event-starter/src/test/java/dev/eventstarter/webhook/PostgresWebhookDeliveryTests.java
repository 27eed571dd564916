package dev.eventstarter.webhook;

import dev.eventstarter.test.PostgresTestConfiguration;

import org.springframework.context.annotation.Import;

@Import(PostgresTestConfiguration.class)
class PostgresWebhookDeliveryTests extends WebhookDeliveryContractTests {

}
