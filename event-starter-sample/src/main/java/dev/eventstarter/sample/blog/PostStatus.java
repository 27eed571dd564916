package dev.eventstarter.sample.blog;

/**
 * Where a post is in its life: written, then published.
 */
public enum PostStatus {

	DRAFT, PUBLISHED

}
