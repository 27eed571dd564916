package dev.eventstarter.actuate;

import dev.eventstarter.ErasureResult;
import dev.eventstarter.EventErasure;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.util.Assert;

/**
 * The {@code eventerasure} actuator endpoint: erasure of a resource's values or a user's
 * session variables from the event record, for operators. An endpoint of its own, so that
 * exposing {@code events} for monitoring never exposes erasure. Bad arguments throw
 * {@link IllegalArgumentException}, which the web extension turns into a 400.
 */
@Endpoint(id = "eventerasure")
public class EventErasureEndpoint {

	private static final String USAGE = "send resourceName and resourceId (?resourceName=posts&resourceId=42) "
			+ "or userId (?userId=alice)";

	private final EventErasure erasure;

	EventErasureEndpoint(EventErasure erasure) {
		this.erasure = erasure;
	}

	/**
	 * Erase one resource's values or one user's session variables.
	 * @param resourceName the resource name, with {@code resourceId}
	 * @param resourceId the resource id, with {@code resourceName}
	 * @param userId the user id, alone
	 * @return how many events and audit rows were erased now
	 */
	@DeleteOperation
	public ErasureResult erase(@Nullable String resourceName, @Nullable String resourceId, @Nullable String userId) {
		Subject subject = subject(resourceName, resourceId, userId);
		String user = subject.userId();
		if (user != null) {
			return this.erasure.eraseUser(user);
		}
		String name = subject.resourceName();
		String id = subject.resourceId();
		Assert.state(name != null && id != null, "A subject is a resource or a user");
		return this.erasure.eraseResource(name, id);
	}

	/**
	 * Read the subject of an erasure from the request's parameters.
	 * @param resourceName the {@code resourceName} parameter, or {@code null}
	 * @param resourceId the {@code resourceId} parameter, or {@code null}
	 * @param userId the {@code userId} parameter, or {@code null}
	 * @return the subject: a resource or a user
	 * @throws IllegalArgumentException saying what to send when the parameters name
	 * neither or both kinds of subject, or one is blank
	 */
	public static Subject subject(@Nullable String resourceName, @Nullable String resourceId, @Nullable String userId) {
		boolean resource = resourceName != null || resourceId != null;
		if (resource && userId != null) {
			throw new IllegalArgumentException("Erase a resource or a user, not both: " + USAGE);
		}
		if (userId != null) {
			return new Subject(null, null, notBlank("userId", userId));
		}
		if (resourceName == null || resourceId == null) {
			throw new IllegalArgumentException(
					(resource ? ((resourceName == null) ? "resourceName" : "resourceId") + " is missing: " : "")
							+ "Say what to erase: " + USAGE);
		}
		return new Subject(notBlank("resourceName", resourceName), notBlank("resourceId", resourceId), null);
	}

	private static String notBlank(String name, String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank: " + USAGE);
		}
		return value;
	}

	/**
	 * What to erase: a resource, or a user.
	 *
	 * @param resourceName the resource name, {@code null} for a user
	 * @param resourceId the resource id, {@code null} for a user
	 * @param userId the user id, {@code null} for a resource
	 */
	public record Subject(@Nullable String resourceName, @Nullable String resourceId, @Nullable String userId) {

	}

}
