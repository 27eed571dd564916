package dev.eventstarter.amqp;

import java.util.UUID;

import dev.eventstarter.Backoff;
import dev.eventstarter.Event;
import dev.eventstarter.store.EventDocuments;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Routes built in code: their defaults, and what {@link AmqpRoute.Builder} refuses.
 */
class AmqpRouteTests {

	private final Event event = EventDocuments.read("""
			{"id": 7, "eventId": "%s", "eventType": "orders.created", "resourceName": "orders",
			 "resourceId": "42", "createdAt": "2026-01-02T03:04:05Z", "tenant": "acme",
			 "transactionId": "%s", "data": {"total": 10}}
			""".formatted(UUID.randomUUID(), UUID.randomUUID()), (header) -> null, JsonMapper.builder().build());

	@Test
	void theRoutingKeyIsTheEventTypeUnlessGiven() {
		AmqpRoute route = AmqpRoute.builder("orders").events("orders.*").exchange("shop").build();
		assertThat(route.name()).isEqualTo("orders");
		assertThat(route.subscriberId()).isEqualTo("amqp:orders");
		assertThat(route.events()).containsExactly("orders.*");
		assertThat(route.exchange(this.event)).isEqualTo("shop");
		assertThat(route.routingKey(this.event)).isEqualTo("orders.created");
		assertThat(route.maxAttempts()).isNull();
		assertThat(route.backoff()).isNull();
		assertThat(route).hasToString("AmqpRoute[orders [orders.*]]");
	}

	@Test
	void exchangeAndRoutingKeyCanBeChosenPerEvent() {
		AmqpRoute route = AmqpRoute.builder("tenants")
			.events("orders.*", "invoices.*")
			.exchange((event) -> "shop." + event.tenant())
			.routingKey((event) -> event.resourceName() + "." + event.resourceId())
			.maxAttempts(3)
			.backoff(Backoff.FIXED)
			.build();
		assertThat(route.exchange(this.event)).isEqualTo("shop.acme");
		assertThat(route.routingKey(this.event)).isEqualTo("orders.42");
		assertThat(route.maxAttempts()).isEqualTo(3);
		assertThat(route.backoff()).isEqualTo(Backoff.FIXED);
		assertThat(AmqpRoute.builder("fixed").events("*").exchange("x").routingKey("").build().routingKey(this.event))
			.isEmpty();
	}

	@Test
	void theBuilderRefusesWhatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> AmqpRoute.builder("amqp:orders"))
			.withMessage("AmqpRoute name must be 1 to 64 letters, digits, '_', '.' or '-', but was 'amqp:orders'");
		assertThatIllegalArgumentException().isThrownBy(() -> AmqpRoute.builder("a").events("orders created"))
			.withMessage("AmqpRoute 'a': events: 'orders created' is not a valid type pattern: 1 to 255 letters, "
					+ "digits, '.', '_', '-', ':' or '*' (any run of characters)");
		assertThatIllegalArgumentException().isThrownBy(() -> AmqpRoute.builder("a").exchange(" "))
			.withMessage("AmqpRoute 'a': exchange must be 1 to 255 bytes, but was ' '");
		assertThatIllegalArgumentException().isThrownBy(() -> AmqpRoute.builder("a").routingKey("k".repeat(256)))
			.withMessageStartingWith("AmqpRoute 'a': routing key must be at most 255 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> AmqpRoute.builder("a").maxAttempts(0))
			.withMessage("AmqpRoute 'a': maxAttempts must be from 1 to 1000, but was 0");
		assertThatIllegalStateException().isThrownBy(() -> AmqpRoute.builder("a").exchange("x").build())
			.withMessage("AmqpRoute 'a': events must name at least one type pattern, such as 'orders.*'");
		assertThatIllegalStateException().isThrownBy(() -> AmqpRoute.builder("a").events("a.*").build())
			.withMessage("AmqpRoute 'a': exchange is missing: name the exchange events go to");
	}

}
