package dev.eventstarter.dispatch;

import java.util.UUID;
import java.util.stream.Stream;

import dev.eventstarter.Backoff;
import dev.eventstarter.Delivery;
import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;
import dev.eventstarter.test.EventsAutoConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake in an {@code @OnEvent} method, and every bad dispatch property, fails
 * startup with a message that names it and says what to fix.
 */
class OnEventValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(EventsAutoConfigurations.with(DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void mistakeFailsStartupNamingTheMethod(String mistake, Class<?> beanType, String message) {
		this.runner.withBean(beanType).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
		});
	}

	static Stream<Arguments> mistakes() {
		String prefix = "@OnEvent method " + OnEventValidationTests.class.getName() + "$";
		return Stream.of(Arguments.of("invalid pattern", InvalidPattern.class, prefix
				+ "InvalidPattern.handle has the invalid pattern 'posts created'; a pattern is 1 to 255 letters, "
				+ "digits, '.', '_', '-', ':' or '*' (any run of characters)"),
				Arguments.of("no pattern", NoPattern.class,
						prefix + "NoPattern.handle names no event type; give one "
								+ "or more patterns, such as @OnEvent(\"posts.created\") or @OnEvent(\"*\")"),
				Arguments.of("no parameter", NoParameter.class,
						prefix + "NoParameter.handle must take exactly one "
								+ "parameter (the Event, or a type its payload maps to), but takes 0"),
				Arguments.of("two parameters", TwoParameters.class,
						prefix + "TwoParameters.handle must take exactly "
								+ "one parameter (the Event, or a type its payload maps to), but takes 2"),
				Arguments.of("ordered after commit", OrderedAfterCommit.class, prefix + "OrderedAfterCommit.handle "
						+ "sets ordered, which only durable subscribers have; AFTER_COMMIT deliveries are never "
						+ "retried. Remove it, or use delivery = Delivery.DURABLE."),
				Arguments.of("maxAttempts in transaction", AttemptsInTransaction.class, prefix
						+ "AttemptsInTransaction.handle sets maxAttempts, which only durable subscribers have; "
						+ "IN_TRANSACTION deliveries are never retried. Remove it, or use delivery = Delivery.DURABLE."),
				Arguments.of("backoff after commit", BackoffAfterCommit.class, prefix + "BackoffAfterCommit.handle "
						+ "sets backoff, which only durable subscribers have; AFTER_COMMIT deliveries are never "
						+ "retried. Remove it, or use delivery = Delivery.DURABLE."),
				Arguments.of("maxAttempts out of range", TooManyAttempts.class, prefix + "TooManyAttempts.handle has "
						+ "maxAttempts = 5000; use 1 to 1000, or leave it out for events.delivery.max-attempts"),
				Arguments.of("two backoffs", TwoBackoffs.class,
						prefix + "TwoBackoffs.handle names 2 backoffs; name one"),
				Arguments.of("fields on created", FieldsOnCreated.class,
						prefix + "FieldsOnCreated.handle sets fields "
								+ "[status], but its patterns [posts.created] cannot match an updated event "
								+ "(<resource>.updated), the only kind fields apply to"));
	}

	@Test
	void duplicateIdFailsStartupNamingBothSubscribers() {
		this.runner.withBean(DuplicateIds.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Two event subscribers have the id 'same': same [")
				.hasMessageContainingAll("same [a.*] (DURABLE)", "same [b.*] (DURABLE)")
				.hasMessageEndingWith(". Give one of them another @OnEvent(id = …).");
		});
	}

	@Test
	void fieldsFitAnyPatternThatCanMatchAnUpdate() {
		assertThat(OnEventMethodProcessor.canMatchUpdated("posts.updated")).isTrue();
		assertThat(OnEventMethodProcessor.canMatchUpdated("*")).isTrue();
		assertThat(OnEventMethodProcessor.canMatchUpdated("posts.*")).isTrue();
		assertThat(OnEventMethodProcessor.canMatchUpdated("*.updated")).isTrue();
		assertThat(OnEventMethodProcessor.canMatchUpdated("*dated")).isTrue();
		assertThat(OnEventMethodProcessor.canMatchUpdated("*.created")).isFalse();
		assertThat(OnEventMethodProcessor.canMatchUpdated(".updated")).isFalse();
		assertThat(OnEventMethodProcessor.canMatchUpdated("posts.up")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badProperties")
	void badPropertyFailsStartupNamingIt(String property, String message) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(message);
		});
	}

	static Stream<Arguments> badProperties() {
		return Stream.of(Arguments.of("events.dispatch.batch-size=0", "must be between 1 and 10000, but was 0"),
				Arguments.of("events.dispatch.concurrency=-2", "must be between 1 and 1000, but was -2"),
				Arguments.of("events.dispatch.poll-interval=1ms", "must be at least 10ms, but was PT0.001S"),
				Arguments.of("events.dispatch.lease=100ms", "must be at least 1s, but was PT0.1S"),
				Arguments.of("events.dispatch.poll-interval=soon", "events.dispatch.poll-interval"),
				Arguments.of("events.delivery.max-attempts=0", "must be between 1 and 1000, but was 0"),
				Arguments.of("events.delivery.backoff=random", "events.delivery.backoff"),
				Arguments.of("events.delivery.initial-delay=-1s", "must not be negative, but was PT-1S"),
				Arguments.of("events.retention.dispatched=-1d", "must not be negative, but was PT-24H"),
				Arguments.of("events.max-payload-size=10B",
						"events.max-payload-size must be from 1KB to 2GB, but was 10B"),
				Arguments.of("events.max-payload-size=big", "events.max-payload-size"),
				Arguments.of("events.delivery.max-delay=100ms",
						"events.delivery.max-delay (PT0.1S) must not be shorter than events.delivery.initial-delay "
								+ "(PT1S)"));
	}

	static class InvalidPattern {

		@OnEvent("posts created")
		void handle(Event event) {
		}

	}

	static class NoPattern {

		@OnEvent
		void handle(Event event) {
		}

	}

	static class NoParameter {

		@OnEvent("posts.created")
		void handle() {
		}

	}

	static class TwoParameters {

		@OnEvent("posts.created")
		void handle(Event event, String other) {
		}

	}

	static class OrderedAfterCommit {

		@OnEvent(value = "posts.*", delivery = Delivery.AFTER_COMMIT, ordered = true)
		void handle(Event event) {
		}

	}

	static class AttemptsInTransaction {

		@OnEvent(value = "posts.*", delivery = Delivery.IN_TRANSACTION, maxAttempts = 3)
		void handle(Event event) {
		}

	}

	static class BackoffAfterCommit {

		@OnEvent(value = "posts.*", delivery = Delivery.AFTER_COMMIT, backoff = Backoff.LINEAR)
		void handle(Event event) {
		}

	}

	static class TooManyAttempts {

		@OnEvent(value = "posts.*", maxAttempts = 5000)
		void handle(Event event) {
		}

	}

	static class TwoBackoffs {

		@OnEvent(value = "posts.*", backoff = { Backoff.LINEAR, Backoff.FIXED })
		void handle(Event event) {
		}

	}

	static class FieldsOnCreated {

		@OnEvent(value = "posts.created", fields = "status")
		void handle(Event event) {
		}

	}

	static class DuplicateIds {

		@OnEvent(value = "a.*", id = "same")
		void first(Event event) {
		}

		@OnEvent(value = "b.*", id = "same")
		void second(Event event) {
		}

	}

}
