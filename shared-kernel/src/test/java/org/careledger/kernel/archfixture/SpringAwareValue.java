package org.careledger.kernel.archfixture;

import org.springframework.util.StringUtils;

/** Breaks the rule: a kernel class using Spring. */
public record SpringAwareValue(String value) {

    public boolean present() {
        return StringUtils.hasText(value);
    }
}
