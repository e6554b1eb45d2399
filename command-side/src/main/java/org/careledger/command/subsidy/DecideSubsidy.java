package org.careledger.command.subsidy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A subsidy officer approves or rejects what is awaiting a decision in a case. */
public record DecideSubsidy(@TargetAggregateIdentifier String caseId, boolean approve, String reason) {
}
