package org.careledger.command.subsidy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Recompute a decided case on the facts known now, with the policy version it was decided under. */
public record RecomputeSubsidy(@TargetAggregateIdentifier String caseId) {
}
