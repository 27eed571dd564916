package dev.eventstarter.sample.subscribers;

import dev.eventstarter.OnEvent;
import dev.eventstarter.sample.blog.PostStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts status changes of posts in the metric {@code blog.posts.status.changes}, tagged
 * with the new status. {@code fields = "status"} keeps the other updates (a new title, a
 * typo fixed) away from it.
 */
@Component
class PostAnalytics {

	static final String METER = "blog.posts.status.changes";

	private final MeterRegistry meterRegistry;

	PostAnalytics(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@OnEvent(value = "posts.updated", fields = "status", id = "post-analytics")
	void statusChanged(PostState post) {
		counter(post.status()).increment();
	}

	/**
	 * How many times posts moved to a status.
	 * @param status the status
	 * @return the count since startup
	 */
	long count(PostStatus status) {
		return (long) counter(status).count();
	}

	private Counter counter(PostStatus status) {
		return Counter.builder(METER)
			.description("Status changes of posts")
			.tag("status", status.name())
			.register(this.meterRegistry);
	}

}
