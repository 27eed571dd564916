package dev.eventstarter.sample.subscribers;

import java.time.Instant;

import dev.eventstarter.sample.blog.PostStatus;

/**
 * The state of a post as its events carry it, for subscribers that take the payload
 * rather than the {@code Event}: the starter maps the new state (the old one for a
 * deletion) onto it and leaves out the attributes it does not name.
 *
 * @param id the post id
 * @param title its title
 * @param slug its URL name
 * @param body its text
 * @param status draft or published
 * @param publishedAt when it was published
 * @param author the author's id (to-one associations appear as the referenced id)
 */
record PostState(Long id, String title, String slug, String body, PostStatus status, Instant publishedAt, Long author) {

}
