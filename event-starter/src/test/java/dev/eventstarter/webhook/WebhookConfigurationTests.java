package dev.eventstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.eventstarter.dispatch.Subscribers;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook configuration checked at startup: every mistake fails naming its property, and
 * no message shows a secret.
 */
class WebhookConfigurationTests {

	private static final String SECRET = "whsec_c2VjcmV0LWtleS0xMjM0NTY3ODkw";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				EventsAutoConfigurations.with(DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "events.dispatch.enabled=false");

	@Test
	void eachWebhookBecomesADurableSubscriber() {
		this.runner
			.withPropertyValues("events.webhooks[0].name=orders", "events.webhooks[0].url=https://example.com/hook",
					"events.webhooks[0].events=orders.*,invoices.paid", "events.webhooks[0].secret=" + SECRET,
					"events.webhooks[1].name=audit", "events.webhooks[1].url=http://localhost:9/a",
					"events.webhooks[1].events=*", "events.webhooks[1].max-attempts=3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Subscribers subscribers = context.getBean(Subscribers.class);
				assertThat(subscribers.durableIds()).contains("webhook:orders", "webhook:audit");
				assertThat(subscribers.byId("webhook:audit").maxAttempts()).isEqualTo(3);
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badConfigurations")
	void badConfigurationFailsStartupNamingTheProperty(String what, List<String> properties, String message) {
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
			assertThat(context.getStartupFailure()).hasStackTraceContaining(message)
				.satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain("c2VjcmV0")
					.doesNotContain("not-base64!"));
		});
	}

	static Stream<Arguments> badConfigurations() {
		return Stream.of(
				bad("a relative URL", List.of("url=/hooks"),
						"events.webhooks[0].url must be an absolute http or https URL, but was '/hooks'"),
				bad("an ftp URL", List.of("url=ftp://example.com/x"),
						"events.webhooks[0].url must be an absolute http or https URL, but was 'ftp://example.com/x'"),
				bad("an unparseable URL", List.of("url=http://exa mple.com"),
						"events.webhooks[0].url is not a valid URL: Illegal character in authority at index 7: "
								+ "http://exa mple.com"),
				bad("no events", List.of("events="),
						"events.webhooks[0].events must name at least one type pattern, such as 'orders.*'"),
				bad("a bad pattern", List.of("events=orders created"),
						"events.webhooks[0].events: 'orders created' is not a valid type pattern: 1 to 255 letters, "
								+ "digits, '.', '_', '-', ':' or '*' (any run of characters)"),
				bad("a secret that is not base64", List.of("secret=whsec_not-base64!"),
						"events.webhooks[0].secret has the whsec_ prefix but what follows is not base64; give "
								+ "whsec_<base64 key> or a plain-text secret without the prefix"),
				bad("no name", List.of("name="),
						"events.webhooks[0].name must be 1 to 64 letters, digits, '_', '.' or '-', but was ''"),
				bad("a zero timeout", List.of("timeout=0s"),
						"events.webhooks[0].timeout must be positive, but was PT0S"),
				bad("zero attempts", List.of("max-attempts=0"),
						"events.webhooks[0].max-attempts must be from 1 to 1000, but was 0"),
				bad("a signature header", List.of("headers.webhook-signature=forged"),
						"events.webhooks[0].headers: 'webhook-signature' is not a header name the webhook may set"),
				Arguments.of("a duplicate name",
						List.of("events.webhooks[0].name=a", "events.webhooks[0].url=https://example.com/a",
								"events.webhooks[0].events=*", "events.webhooks[1].name=a",
								"events.webhooks[1].url=https://example.com/b", "events.webhooks[1].events=*"),
						"events.webhooks[1].name 'a' is the name of an earlier webhook too; give each webhook its "
								+ "own name"));
	}

	private static Arguments bad(String what, List<String> overrides, String message) {
		Map<String, String> properties = new java.util.LinkedHashMap<>(
				Map.of("name", "orders", "url", "https://example.com/hook", "events", "orders.*", "secret", SECRET));
		for (String override : overrides) {
			String[] pair = override.split("=", 2);
			properties.put(pair[0], pair[1]);
		}
		return Arguments.of(what,
				properties.entrySet()
					.stream()
					.map((entry) -> "events.webhooks[0]." + entry.getKey() + "=" + entry.getValue())
					.toList(),
				message);
	}

	@Test
	void retryAfterIsReadAsSecondsOrAnHttpDate() {
		Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
		WebhookSender sender = new WebhookSender(Webhook.of("events.webhooks[0]", "w", "https://example.com",
				List.of("*"), null, Map.of(), Duration.ofSeconds(1), null), new EventJson(new JsonMapper()), clock);
		assertThat(sender.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
		assertThat(sender.retryAfter("Mon, 23 Nov 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
		assertThat(sender.retryAfter("Mon, 23 Nov 2026 09:00:00 GMT")).isEqualTo(Duration.ZERO);
		assertThat(sender.retryAfter("soon")).isNull();
		assertThat(sender.retryAfter("-5")).isNull();
		assertThat(sender.retryAfter(null)).isNull();
	}

	@Test
	void aWebhookDescribesItselfWithoutItsSecretOrHeaders() {
		Webhook webhook = Webhook.of("events.webhooks[0]", "w", "https://example.com", List.of("*"), SECRET,
				Map.of("Authorization", "Bearer abc"), Duration.ofSeconds(1), null);
		assertThat(webhook.toString()).isEqualTo("Webhook[w [*]]");
	}

	private static String stackTrace(Throwable failure) {
		java.io.StringWriter out = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

}
