package dev.eventstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JPA entity whose changes become events. Needed only with
 * {@code events.capture.entities=annotated}; with the default ({@code all}) every entity
 * is captured and this annotation only names the resource.
 *
 * @see Untracked
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface Tracked {

	/**
	 * Resource name used in event types ({@code <resource>.created}). Defaults to the
	 * entity's mapped table name in lower case.
	 * @return the resource name, or empty for the table name
	 */
	String resource() default "";

}
