package org.careledger.command.subsidy;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the approved, unpaid amount was paid (or a clawback recovered). */
public record RecordSubsidyPayment(@TargetAggregateIdentifier String caseId, LocalDate paidOn, String reference) {
}
