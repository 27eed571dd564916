package dev.eventstarter.dispatch;

import java.time.Duration;

import dev.eventstarter.Backoff;
import dev.eventstarter.EmitOptions;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of durable deliveries: their defaults, which {@code @OnEvent}
 * and {@code EmitOptions} override.
 */
@ConfigurationProperties("events.delivery")
public class DeliveryProperties implements InitializingBean {

	/**
	 * Attempts before a delivery is dead.
	 */
	private int maxAttempts = 10;

	/**
	 * How the delay between attempts grows.
	 */
	private Backoff backoff = Backoff.EXPONENTIAL;

	/**
	 * Delay before the second attempt, and the step of linear and fixed backoff.
	 */
	private Duration initialDelay = Duration.ofSeconds(1);

	/**
	 * Longest delay between two attempts.
	 */
	private Duration maxDelay = Duration.ofHours(1);

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		Assert.isTrue(maxAttempts >= 1 && maxAttempts <= EmitOptions.MAX_ATTEMPTS,
				() -> "events.delivery.max-attempts must be between 1 and " + EmitOptions.MAX_ATTEMPTS + ", but was "
						+ maxAttempts);
		this.maxAttempts = maxAttempts;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	public void setBackoff(Backoff backoff) {
		this.backoff = backoff;
	}

	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	public void setInitialDelay(Duration initialDelay) {
		Assert.isTrue(!initialDelay.isNegative(),
				() -> "events.delivery.initial-delay must not be negative, but was " + initialDelay);
		this.initialDelay = initialDelay;
	}

	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(Duration maxDelay) {
		Assert.isTrue(!maxDelay.isNegative(),
				() -> "events.delivery.max-delay must not be negative, but was " + maxDelay);
		this.maxDelay = maxDelay;
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.maxDelay.compareTo(this.initialDelay) >= 0,
				() -> "events.delivery.max-delay (" + this.maxDelay
						+ ") must not be shorter than events.delivery.initial-delay (" + this.initialDelay + ")");
	}

}
