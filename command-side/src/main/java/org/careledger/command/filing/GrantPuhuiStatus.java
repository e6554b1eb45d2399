package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Grant 普惠 (affordable, inclusive) status from a date. */
public record GrantPuhuiStatus(@TargetAggregateIdentifier InstitutionId institutionId, java.time.LocalDate effectiveFrom, String reference) {
}
