package dev.eventstarter.capture;

/**
 * Thrown when the event of an entity change cannot be built, failing the transaction that
 * made the change ({@code events.capture.on-error=fail}).
 */
public class EventCaptureException extends RuntimeException {

	EventCaptureException(String message, Throwable cause) {
		super(message, cause);
	}

}
