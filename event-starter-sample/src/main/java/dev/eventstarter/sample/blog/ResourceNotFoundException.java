package dev.eventstarter.sample.blog;

/**
 * Thrown for an id that names nothing; the API answers 404.
 */
public class ResourceNotFoundException extends RuntimeException {

	public ResourceNotFoundException(String resource, Object id) {
		super("No " + resource + " with id " + id);
	}

}
