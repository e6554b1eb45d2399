package org.careledger.kernel.stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A named rule with a source (a national standard, a local policy or a decision record) that accepts or refuses a change.
 *
 * <p>A marker read by the architecture tests; it changes no behaviour.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BusinessRule {
}
