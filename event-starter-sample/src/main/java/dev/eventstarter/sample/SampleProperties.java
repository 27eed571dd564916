package dev.eventstarter.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's own settings ({@code sample.*}): its users and the secret its webhook
 * receiver checks signatures with.
 *
 * @param users the users who can sign in
 * @param webhookReceiver the demo webhook receiver
 */
@ConfigurationProperties("sample")
public record SampleProperties(List<User> users, WebhookReceiver webhookReceiver) {

	public SampleProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
		webhookReceiver = (webhookReceiver != null) ? webhookReceiver : new WebhookReceiver(null);
	}

	/**
	 * The configured user with that name.
	 * @param username the user name
	 * @return the user, if configured
	 */
	public Optional<User> user(String username) {
		return this.users.stream().filter((user) -> user.username().equals(username)).findFirst();
	}

	/**
	 * A user who can sign in, and the author they write as.
	 *
	 * @param username the name to sign in with
	 * @param password the password, with its encoding prefix, such as
	 * {@code {noop}editor}
	 * @param roles the roles, such as {@code EDITOR} or {@code ADMIN}
	 * @param name the display name of their author
	 * @param email the e-mail address of their author
	 */
	public record User(String username, String password, List<String> roles, String name, String email) {

		public User {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

	}

	/**
	 * The demo webhook receiver at {@code /demo/webhook-receiver}.
	 *
	 * @param secret the secret the deliveries are signed with, {@code whsec_<base64>} or
	 * plain text; the same as {@code events.webhooks[0].secret}
	 */
	public record WebhookReceiver(String secret) {

	}

}
