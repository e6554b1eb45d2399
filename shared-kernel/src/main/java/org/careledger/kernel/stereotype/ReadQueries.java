package org.careledger.kernel.stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one home of the SQL (or Mongo queries) that read one view; controllers call it and hold no query text.
 *
 * <p>A marker read by the architecture tests; it changes no behaviour.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadQueries {
}
