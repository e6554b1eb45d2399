package org.careledger.kernel.stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event-sourced aggregate: the consistency boundary that guards the invariants named in its ADR. It decides from its own state only and does no I/O.
 *
 * <p>A marker read by the architecture tests; it changes no behaviour.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AggregateRoot {
}
