package dev.eventstarter;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failed delivery whose subscriber knows more than "try again with backoff": that
 * retrying cannot help, or when to retry. Throw it from an {@link OnEvent} method:
 *
 * <pre class="code">
 * &#64;OnEvent("orders.shipped")
 * void notifyCarrier(Shipment shipment) throws DeliveryFailure {
 *     Answer answer = carrier.send(shipment);
 *     if (answer.rejected()) {
 *         throw DeliveryFailure.permanent("Carrier rejected " + shipment.id() + ": " + answer.reason());
 *     }
 *     if (answer.busy()) {
 *         throw DeliveryFailure.retryAfter("Carrier busy", answer.retryAfter());
 *     }
 * }
 * </pre>
 *
 * Its message becomes the delivery's last error, without the class name.
 */
public final class DeliveryFailure extends Exception {

	private final boolean permanent;

	private final @Nullable Duration retryAfter;

	private DeliveryFailure(String message, boolean permanent, @Nullable Duration retryAfter) {
		super(message);
		this.permanent = permanent;
		this.retryAfter = retryAfter;
	}

	/**
	 * A failure to retry with the subscriber's backoff.
	 * @param message what went wrong
	 * @return the failure
	 */
	public static DeliveryFailure retry(String message) {
		return new DeliveryFailure(message, false, null);
	}

	/**
	 * A failure to retry after a given delay, capped by
	 * {@code events.delivery.max-delay}.
	 * @param message what went wrong
	 * @param delay when to retry
	 * @return the failure
	 */
	public static DeliveryFailure retryAfter(String message, Duration delay) {
		return new DeliveryFailure(message, false, delay);
	}

	/**
	 * A failure that makes the delivery dead at once, whatever attempts are left.
	 * @param message what went wrong
	 * @return the failure
	 */
	public static DeliveryFailure permanent(String message) {
		return new DeliveryFailure(message, true, null);
	}

	public boolean isPermanent() {
		return this.permanent;
	}

	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
