/**
 * Stereotypes: annotations that say which architectural role a type plays (aggregate, value object, event, rule,
 * projection, queries, web adapter). The architecture tests key their rules on them; see docs/architecture.md.
 */
package org.careledger.kernel.stereotype;
