package dev.eventstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves an entity or embeddable attribute out of captured events entirely: it appears in
 * neither state nor {@link Changes}, and an update that changes only ignored attributes
 * produces no event. Put it on the field or on its getter.
 */
@Target({ ElementType.FIELD, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventIgnore {

}
