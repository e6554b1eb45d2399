package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Withdraw 普惠 (affordable, inclusive) status from a date. */
public record WithdrawPuhuiStatus(@TargetAggregateIdentifier InstitutionId institutionId, java.time.LocalDate effectiveFrom, String reason) {
}
