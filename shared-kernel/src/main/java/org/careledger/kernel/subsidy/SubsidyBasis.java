package org.careledger.kernel.subsidy;

import java.time.Instant;
import java.util.List;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * The complete basis of a computed amount: the policy and its version, the facts as known at
 * {@code factsAsOf}, every contributing item, and the formula trace line by line.
 */
@ValueObject
public record SubsidyBasis(String policyId, int policyVersion, String policySource, String rounding, Instant factsAsOf,
                           List<BasisItem> items, List<String> trace) {

    public SubsidyBasis {
        items = items == null ? List.of() : List.copyOf(items);
        trace = trace == null ? List.of() : List.copyOf(trace);
    }
}
