package dev.eventstarter.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of webhooks: HTTP endpoints events are posted to, checked once
 * bound, where a wrong value fails startup naming its property.
 */
@ConfigurationProperties("events")
public class WebhookProperties implements InitializingBean {

	/**
	 * HTTP endpoints events are posted to, each a durable subscriber 'webhook:<name>':
	 * name, url, events, secret, headers, timeout, max-attempts.
	 */
	private final List<Endpoint> webhooks = new ArrayList<>();

	private List<Webhook> checked = List.of();

	public List<Endpoint> getWebhooks() {
		return this.webhooks;
	}

	@Override
	public void afterPropertiesSet() {
		List<Webhook> checked = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < this.webhooks.size(); i++) {
			Endpoint configured = this.webhooks.get(i);
			String property = "events.webhooks[" + i + "]";
			Webhook webhook = Webhook.of(property, configured.getName(), configured.getUrl(), configured.getEvents(),
					configured.getSecret(), configured.getHeaders(), configured.getTimeout(),
					configured.getMaxAttempts());
			Assert.state(names.add(webhook.name()), () -> property + ".name '" + webhook.name()
					+ "' is the name of an earlier webhook too; give each webhook its own name");
			checked.add(webhook);
		}
		this.checked = List.copyOf(checked);
	}

	/**
	 * The webhooks, checked.
	 */
	List<Webhook> checked() {
		return this.checked;
	}

	/**
	 * An HTTP endpoint events are posted to.
	 */
	public static class Endpoint {

		/**
		 * Name of the webhook, 1 to 64 letters, digits, '_', '.' or '-'; its deliveries
		 * are recorded for the subscriber 'webhook:<name>'.
		 */
		private @Nullable String name;

		/**
		 * Absolute http or https URL the events are posted to.
		 */
		private @Nullable String url;

		/**
		 * Type patterns of the events to post; '*' matches any run of characters.
		 */
		private List<String> events = new ArrayList<>();

		/**
		 * Signing secret, 'whsec_' followed by a base64 key, or plain text. Without one,
		 * requests are not signed.
		 */
		private @Nullable String secret;

		/**
		 * Further request headers, such as Authorization.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * How long a request may take, connecting included.
		 */
		private Duration timeout = Duration.ofSeconds(15);

		/**
		 * Attempts before a delivery is dead; events.delivery.max-attempts when not set.
		 */
		private @Nullable Integer maxAttempts;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		@Override
		public String toString() {
			return "Webhook[" + this.name + "]";
		}

	}

}
