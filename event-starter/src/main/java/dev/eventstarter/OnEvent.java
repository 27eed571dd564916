package dev.eventstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method that receives events. The method takes one parameter: the
 * {@link Event} itself, or a type the payload maps to (the new state of a created or
 * updated resource, the old state of a deleted one, the payload of a custom event).
 *
 * <pre class="code">
 * &#64;OnEvent("posts.created")
 * void created(Event event) { … }
 *
 * &#64;OnEvent(value = "posts.updated", fields = "status")
 * void statusChanged(Post post) { … }
 * </pre>
 *
 * Mistakes fail startup with a message naming the method: an invalid pattern, another
 * number of parameters, a duplicate {@link #id()}, retry or ordering settings on a
 * subscriber that is not {@link Delivery#DURABLE}, or {@link #fields()} on patterns that
 * cannot match an updated event.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEvent {

	/**
	 * Alias for {@link #types()}.
	 * @return the event type patterns
	 */
	@AliasFor("types")
	String[] value() default {};

	/**
	 * Event type patterns matched against the whole type; {@code *} matches any run of
	 * characters, dots included: {@code *}, {@code posts.*}, {@code *.created}.
	 * @return the event type patterns
	 */
	@AliasFor("value")
	String[] types() default {};

	/**
	 * Stable id of a durable subscriber, under which its deliveries are recorded.
	 * Defaults to {@code <beanName>.<methodName>}; set it before renaming either.
	 * @return the subscriber id
	 */
	String id() default "";

	/**
	 * How events reach the method.
	 * @return the delivery mode
	 */
	Delivery delivery() default Delivery.DURABLE;

	/**
	 * Attempts before a durable delivery is dead; {@code 0} for
	 * {@code events.delivery.max-attempts}.
	 * @return the attempts, 1 to 1000, or 0
	 */
	int maxAttempts() default 0;

	/**
	 * Delay growth between attempts of a durable delivery; none for
	 * {@code events.delivery.backoff}.
	 * @return at most one backoff
	 */
	Backoff[] backoff() default {};

	/**
	 * Whether events of the same resource reach this durable subscriber strictly in
	 * order: a failing one holds back the later ones of that resource, and only those.
	 * @return whether delivery is ordered per resource
	 */
	boolean ordered() default false;

	/**
	 * For updated events: call the method only when one of these attributes changed.
	 * Other events are not affected.
	 * @return attribute names
	 */
	String[] fields() default {};

}
