package dev.eventstarter.capture;

/**
 * Which entities have their changes captured.
 */
public enum CapturedEntities {

	/**
	 * Every entity not annotated {@code @Untracked}.
	 */
	ALL,

	/**
	 * Only entities annotated {@code @Tracked}.
	 */
	ANNOTATED

}
