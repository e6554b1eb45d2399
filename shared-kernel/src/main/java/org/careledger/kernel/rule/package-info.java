/** The one form of a business rule on either side: {@link org.careledger.kernel.rule.Rule}. */
package org.careledger.kernel.rule;
