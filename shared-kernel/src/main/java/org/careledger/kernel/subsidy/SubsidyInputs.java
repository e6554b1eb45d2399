package org.careledger.kernel.subsidy;

import java.util.List;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * What an application states that the events cannot know: a demonstration designation (level and
 * the document), the other institutions of a chain, the leased floor area and lease months.
 * Each is part of the decision's basis. All optional; the policy says which it needs.
 */
@ValueObject
public record SubsidyInputs(String demonstrationLevel, String designationReference, List<String> chainInstitutionIds,
                            Integer floorAreaSquareMetres, Integer leaseMonths) {

    public static final SubsidyInputs NONE = new SubsidyInputs(null, null, List.of(), null, null);

    public SubsidyInputs {
        chainInstitutionIds = chainInstitutionIds == null ? List.of() : List.copyOf(chainInstitutionIds);
    }
}
