package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Tell a filer the filing is not compliant, with reasons; it may be amended and resubmitted. */
public record RejectFiling(@TargetAggregateIdentifier InstitutionId institutionId, java.util.List<String> reasons) {
}
